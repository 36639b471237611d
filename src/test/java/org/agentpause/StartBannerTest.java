package org.agentpause;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.agentpause.config.AgentPauseConfig;
import org.junit.jupiter.api.Test;

/** The ready-to-paste curl line printed at start must reach the server from this machine as configured. */
class StartBannerTest {

    private static String url(Map<String, String> settings) throws Exception {
        return Main.baseUrl(AgentPauseConfig.defaults(settings));
    }

    @Test
    void aWildcardBindIsReachedOnLoopbackAndIpv6IsBracketed() throws Exception {
        assertEquals("http://127.0.0.1:9990", url(Map.of()));
        assertEquals("http://127.0.0.1:9991", url(Map.of("http.bind", "0.0.0.0", "http.port", "9991")));
        assertEquals("http://127.0.0.1:9990", url(Map.of("http.bind", "::")));
        assertEquals("http://[::1]:9990", url(Map.of("http.bind", "::1")));
        assertEquals("http://10.1.2.3:9990", url(Map.of("http.bind", "10.1.2.3")));
    }
}
