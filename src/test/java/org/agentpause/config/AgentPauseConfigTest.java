package org.agentpause.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPauseConfigTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("agent-pause.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsAreLoopbackSimulatedAndTheSeedQueues() throws Exception {
        AgentPauseConfig c = AgentPauseConfig.defaults(Map.of());
        assertEquals("127.0.0.1", c.http().bind());
        assertEquals(9990, c.http().port());
        assertEquals("127.0.0.1", c.agi().bind());
        assertEquals("simulated", c.pbx().backend());
        assertEquals(List.of("PJSIP/808", "PJSIP/809", "Local/810@from-queue/n"), c.pbx().simulatedQueues().get("630"));
        assertEquals(List.of("PJSIP/808"), c.pbx().simulatedQueues().get("631"));
    }

    @Test
    void theShippedFileLoadsAndMatchesTheDefaults() throws Exception {
        AgentPauseConfig shipped = AgentPauseConfig.load(Path.of("etc/agent-pause.properties"), Map.of(), new Properties());
        // The shipped file adds a sample reason catalogue; everything else is the built-in default.
        Map<String, String> catalogue = Map.of("reasons.1", "lunch", "reasons.2", "break", "reasons.3", "meeting");
        AgentPauseConfig defaults = AgentPauseConfig.defaults(catalogue);
        assertEquals(Map.of("1", "lunch", "2", "break", "3", "meeting"), shipped.agi().reasons());
        assertEquals(defaults.http(), shipped.http());
        assertEquals(defaults.pbx(), shipped.pbx());
        assertEquals(defaults.agi(), shipped.agi());
    }

    @Test
    void fileThenEnvironmentThenSystemPropertyWin() throws Exception {
        Path f = file("http.port=1000\nhttp.workers=3\nagi.port=2000\n");
        Properties sys = new Properties();
        sys.setProperty("http.port", "3000");
        AgentPauseConfig c = AgentPauseConfig.load(f, Map.of("AGENT_PAUSE_HTTP_PORT", "2000",
                "AGENT_PAUSE_HTTP_WORKERS", "5", "AGENT_PAUSE_AMI_TIMEOUT_MS", "700"), sys);
        assertEquals(3000, c.http().port());
        assertEquals(5, c.http().workers());
        assertEquals(2000, c.agi().port());
        assertEquals(700, c.ami().timeoutMs());
    }

    @Test
    void badValuesNameTheKeyTheSourceAndTheRule() throws Exception {
        Path f = file("http.port=70000\n");
        ConfigException e = assertThrows(ConfigException.class, () -> AgentPauseConfig.load(f, Map.of(), new Properties()));
        assertTrue(e.getMessage().startsWith("http.port (from " + f + ") must be between 0 and 65535"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AgentPauseConfig.load(null,
                Map.of("AGENT_PAUSE_PBX_BACKEND", "asterisk"), new Properties()));
        assertTrue(e.getMessage().contains("pbx.backend (from environment AGENT_PAUSE_PBX_BACKEND)"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AgentPauseConfig.defaults(Map.of("member.interfaces", "PJSIP/808")));
        assertTrue(e.getMessage().startsWith("member.interfaces"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AgentPauseConfig.defaults(Map.of("simulated.queues", "630:80 8")));
        assertTrue(e.getMessage().startsWith("simulated.queues"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> AgentPauseConfig.defaults(Map.of("agi.trust-callerid", "yes")));
        assertTrue(e.getMessage().startsWith("agi.trust-callerid"), e.getMessage());
    }

    @Test
    void aMisspeltKeyStopsTheStart() throws Exception {
        Path f = file("http.prot=9991\n");
        ConfigException e = assertThrows(ConfigException.class, () -> AgentPauseConfig.load(f, Map.of(), new Properties()));
        assertTrue(e.getMessage().contains("unknown setting 'http.prot'"), e.getMessage());
    }

    @Test
    void shortTokensAreRefusedWithoutEchoingThem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AgentPauseConfig.defaults(Map.of("http.tokens", "crm:abc123")));
        assertTrue(e.getMessage().contains("'crm'"), e.getMessage());
        assertFalse(e.getMessage().contains("abc123"), e.getMessage());
    }

    @Test
    void tokensHaveLabelsAndSecretsNeverPrint() throws Exception {
        AgentPauseConfig c = AgentPauseConfig.defaults(Map.of("http.tokens",
                "crm:0123456789abcdef0123, fedcba9876543210fedc", "http.webkey", "webkey-secret-value",
                "pbx.backend", "ami", "ami.username", "u", "ami.secret", "ami-secret-value"));
        assertEquals(List.of("crm", "token2"), c.http().tokens().stream().map(StaticToken::label).toList());
        String printed = c.toString();
        for (String secret : List.of("0123456789abcdef0123", "fedcba9876543210fedc", "webkey-secret-value",
                "ami-secret-value")) {
            assertFalse(printed.contains(secret), printed);
        }
    }

    @Test
    void amiBackendNeedsCredentials() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AgentPauseConfig.defaults(Map.of("pbx.backend", "ami")));
        assertTrue(e.getMessage().contains("ami.username and ami.secret"), e.getMessage());
    }

    @Test
    void reasonCatalogueComesFromPrefixedKeys() throws Exception {
        AgentPauseConfig c = AgentPauseConfig.defaults(Map.of("reasons.1", "lunch", "reasons.9", "training"));
        assertEquals(Map.of("1", "lunch", "9", "training"), c.agi().reasons());
    }
    @Test
    void bindAddressesThatCannotBeListenedOnAreNamedAtLoad() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> AgentPauseConfig.defaults(
                Map.of("http.bind", "no.such.host.invalid")));
        assertTrue(e.getMessage().startsWith("http.bind (from test overrides) names 'no.such.host.invalid'"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> AgentPauseConfig.defaults(Map.of("agi.bind", " ")));
        assertTrue(e.getMessage().startsWith("agi.bind (from test overrides) must be an address"), e.getMessage());
        assertEquals("0.0.0.0", AgentPauseConfig.defaults(Map.of("http.bind", "0.0.0.0")).http().bind());
        assertEquals("::1", AgentPauseConfig.defaults(Map.of("agi.bind", "::1")).agi().bind());
    }

    @Test
    void simulatedQueuesTakeBareExtensionsAndRefuseAQueueListedTwice() throws Exception {
        AgentPauseConfig c = AgentPauseConfig.defaults(Map.of("simulated.queues", "630:808,809,810;631:808"));
        assertEquals(Map.of("630", List.of("PJSIP/808", "PJSIP/809", "PJSIP/810"), "631", List.of("PJSIP/808")),
                c.pbx().simulatedQueues());
        ConfigException e = assertThrows(ConfigException.class, () -> AgentPauseConfig.defaults(
                Map.of("simulated.queues", "630:808;631:809;630:810")));
        assertTrue(e.getMessage().contains("lists queue 630 twice"), e.getMessage());
    }
}
