package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;
import org.agentpause.Threads;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.http.HttpServer;
import org.agentpause.http.PauseApi;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.ami.AmiQueueBackend;
import org.agentpause.pbx.ami.FakeAmiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile HTTP fields through the real AMI backend: whatever a client sends, the fake Asterisk
 * receives only well-formed QueuePause actions (one header per line, no stray CR or LF, only the
 * headers agent-pause means to send, Paused strictly true or false), and only for valid requests.
 */
class AmiWireFuzzTest {

    private static final Pattern HEADER = Pattern.compile("[A-Za-z]+: [^\\r\\n]*");
    private static final Set<String> ALLOWED = Set.of("action", "actionid", "interface", "queue", "paused", "reason");
    private static FakeAmiServer fake;
    private static AmiQueueBackend backend;
    private static ThreadPoolExecutor workers;
    private static HttpServer http;
    private static int port;
    private static org.agentpause.agi.FastAgiDoor agi;
    private static int agiPort;
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
        fake.start();
        AgentPauseConfig config = AgentPauseConfig.defaults(Map.of("http.port", "0", "http.tokens", "test:" + HttpDoor.TOKEN,
                "pbx.backend", "ami", "ami.port", Integer.toString(fake.port()), "ami.username", "pauseapi",
                "ami.secret", "pauseapi-secret", "ami.timeout-ms", "2000", "ami.resync-s", "0"));
        backend = new AmiQueueBackend(config.ami());
        backend.start();
        MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
        workers = Threads.boundedPool("amifuzz-worker", 4, 64);
        http = new HttpServer(config.http(), new PauseApi(new PauseService(backend, resolver), backend, resolver),
                new TokenAuthenticator(config.http().tokens(), "", Clock.systemDefaultZone()), workers);
        port = http.start();
        agi = new org.agentpause.agi.FastAgiDoor(AgentPauseConfig.defaults(Map.of("agi.port", "0")).agi(),
                new PauseService(backend, resolver), backend, resolver);
        agiPort = agi.start();
    }

    /**
     * What our AMI link sends while logged in. Not Login or Logoff: nothing here drops the link, so
     * one of those would be an injected action, and an injected Logoff is exactly what to catch.
     */
    private static final java.util.Set<String> OWN_ACTIONS = java.util.Set.of("QueuePause", "Ping", "QueueSummary",
            "QueueStatus");
    private static final java.util.concurrent.atomic.AtomicInteger PHONE_PAUSES = new java.util.concurrent.atomic.AtomicInteger();

    @AfterAll
    static void stop() throws Exception {
        int received = fake.actions("QueuePause").size();
        System.out.println("[figures] AmiWireFuzzTest requests=" + REQUESTS.get() + " queuePausesReceived="
                + received + " fromPhones=" + PHONE_PAUSES.get() + " malformed=0");
        agi.close();
        http.close();
        workers.shutdownNow();
        backend.close();
        fake.close();
    }

    @Test
    void asteriskSeesOnlyWellFormedActions() {
        // Half fully hostile, half valid but for a hostile reason: the header most exposed to injection.
        Gen<HttpFieldFuzzTest.Fields> reachesAsterisk = Generate.pick(List.of("on", "off")).map(Wire::utf8).zip(
                Generate.pick(List.of("808", "809", "PJSIP/808", "Local/810@from-queue/n")).map(Wire::utf8),
                Generate.pick(List.of("630", "631", "*")).map(Wire::utf8),
                HostileValues.optional(20, "lunch", "caf\u00e9 \u4f11\u606f", "a;b", "x".repeat(79)),
                HttpFieldFuzzTest.Fields::new);
        Soak.qt().forAll(Generate.enumValues(Wire.Encoding.class), HttpFieldFuzzTest.fields().mix(reachesAsterisk, 50))
                .checkAssert((enc, f) -> {
            int before = fake.actions().size();
            REQUESTS.incrementAndGet();
            RawHttp.Reply r = Verdicts.definite(Verdicts.exchange(port, Wire.request(enc, f.entries(), HttpDoor.AUTH)),
                    enc + " " + f);
            List<FakeAmiServer.ReceivedAction> fresh = pausesSince(before, f);
            if (!f.valid()) {
                assertEquals(List.of(), fresh.stream().map(FakeAmiServer.ReceivedAction::text).toList(),
                        () -> "an invalid request reached Asterisk: " + f + " -> " + r);
                assertTrue(r.status() == 400 || r.status() == 413 || r.status() == 431, r::toString);
            }
            for (FakeAmiServer.ReceivedAction a : fresh) {
                assertWellFormed(a.text(), f);
            }
        });
        assertTrue(fake.actions("QueuePause").size() > 10, "too few requests reached Asterisk to check the wire");
    }

    private static void assertWellFormed(String action, HttpFieldFuzzTest.Fields f) {
        assertTrue(action.endsWith("\r\n\r\n"), () -> "not one action: " + action);
        String[] lines = action.substring(0, action.length() - 4).split("\r\n", -1);
        for (String line : lines) {
            assertTrue(HEADER.matcher(line).matches(), () -> "malformed header line '" + line + "' for " + f);
            String name = line.substring(0, line.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
            assertTrue(ALLOWED.contains(name), () -> "unexpected header " + name + " for " + f);
            if (name.equals("paused")) {
                String v = line.substring(line.indexOf(':') + 2);
                assertTrue(v.equals("true") || v.equals("false"), () -> "Paused: " + v);
            }
        }
        assertEquals(1, java.util.Arrays.stream(lines).filter(l -> l.toLowerCase().startsWith("interface:")).count(), action);
    }

    /** Phones too: hostile queue and reason options and channel names reach Asterisk only well-formed. */
    @Test
    void phonesReachAsteriskOnlyWithWellFormedActions() {
        Gen<String> script = Generate.pick(List.of(org.agentpause.agi.FastAgiDoor.ON, org.agentpause.agi.FastAgiDoor.OFF,
                org.agentpause.agi.FastAgiDoor.TOGGLE));
        Gen<byte[]> option = HostileValues.optional(30, "630", "631", "lunch", "*");
        // Half the presses valid (real agents, real queues, printable reasons), so many reach Asterisk.
        Gen<byte[]> queue = option.mix(Generate.pick(List.of("", "630", "631")).map(Wire::utf8), 50);
        Gen<byte[]> reason = option.mix(Generate.pick(List.of("", "lunch", "caf\u00e9 \u4f11\u606f")).map(Wire::utf8), 50);
        Gen<String> channel = Generate.pick(AgiAbuseTest.CHANNELS)
                .mix(Generate.pick(List.of("PJSIP/808-0000001a", "PJSIP/809-0000002b")), 50);
        Soak.qt(Soak.scale(60, 2000)).forAll(script, queue, reason, channel)
                .checkAssert((sc, q, why, chan) -> {
                    StringBuilder url = new StringBuilder(sc).append('?');
                    if (q != null) {
                        url.append("queue=").append(Wire.percent(q)).append('&');
                    }
                    if (why != null) {
                        url.append("reason=").append(Wire.percent(why));
                    }
                    int before = fake.actions().size();
                    REQUESTS.incrementAndGet();
                    try {
                        RawAgi.call(null, agiPort, RawAgi.environment(agiPort, url.toString(), Wire.utf8(chan),
                                List.of(), true), 5000);
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                    for (FakeAmiServer.ReceivedAction a : pausesSince(before, null)) {
                        assertWellFormed(a.text(), null);
                        PHONE_PAUSES.incrementAndGet();
                    }
                });
        assertTrue(PHONE_PAUSES.get() > 5, "too few presses reached Asterisk to check the wire: " + PHONE_PAUSES);
    }

    /**
     * Every action Asterisk received since {@code before}, checked by name: an injected line break
     * would show up as an action of another name (Originate, Command), so only our own actions and
     * the link's background ones (Ping, reloads) may appear. Returns the QueuePauses.
     */
    private static List<FakeAmiServer.ReceivedAction> pausesSince(int before, HttpFieldFuzzTest.Fields f) {
        List<FakeAmiServer.ReceivedAction> all = fake.actions();
        for (FakeAmiServer.ReceivedAction a : all.subList(before, all.size())) {
            assertTrue(OWN_ACTIONS.contains(a.name()), () -> "Asterisk received a " + a.name() + " action for " + f
                    + ":\n" + a.text());
        }
        return all.subList(before, all.size()).stream().filter(a -> a.name().equals("QueuePause")).toList();
    }
}
