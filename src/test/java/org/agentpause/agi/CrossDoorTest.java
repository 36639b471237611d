package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import org.agentpause.Threads;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.http.HttpServer;
import org.agentpause.http.PauseApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both doors on one core: HTTP and phone presses for the same agent give the state a user expects. */
class CrossDoorTest {

    private static final String PHONE_808 = "PJSIP/808-0000001a";
    private static final String TOKEN = "0123456789abcdef0123456789";

    private AgiRig rig;
    private HttpServer http;
    private ThreadPoolExecutor httpWorkers;
    private int httpPort;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        rig = AgiRig.start(Map.of());
        AgentPauseConfig config = AgentPauseConfig.defaults(Map.of("http.port", "0", "http.tokens", "ci:" + TOKEN));
        httpWorkers = Threads.boundedPool("test-http-worker", 2, 16);
        http = new HttpServer(config.http(), new PauseApi(rig.service, rig.backend, rig.resolver),
                new TokenAuthenticator(config.http().tokens(), "", Clock.systemUTC()), httpWorkers);
        httpPort = http.start();
    }

    @AfterEach
    void stop() {
        http.close();
        httpWorkers.shutdownNow();
        rig.close();
    }

    private String httpPause(String form) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/coocenter-api/queues/agent-pause"))
                .header("Authentication", TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, resp.statusCode(), resp.body());
        return resp.body();
    }

    @Test
    void pausedByHttpInOneQueueThenPhoneToggleUnpausesEverywhere() throws Exception {
        assertTrue(httpPause("queue=630&member=808&state=on").contains("Interface paused successfully"));
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
        assertEquals("UNPAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertFalse(rig.paused("PJSIP/808", "630") || rig.paused("PJSIP/808", "631"));
    }

    @Test
    void pausedByPhoneThenHttpUnpausesOneQueueThenPhoneToggleUnpausesTheRest() throws Exception {
        assertEquals("PAUSED", rig.call(FastAgiDoor.TOGGLE, PHONE_808).run().variable("AGENTPAUSE_STATUS"));
        assertTrue(httpPause("queue=631&member=808&state=off").contains("Interface unpaused successfully"));
        assertTrue(rig.paused("PJSIP/808", "630"));
        assertFalse(rig.paused("PJSIP/808", "631"));
        AgiCallResult status = rig.call(FastAgiDoor.STATUS, PHONE_808).run();
        assertEquals("1", status.variable("AGENTPAUSE_PAUSED_COUNT"));
        assertEquals("UNPAUSED", rig.call(FastAgiDoor.TOGGLE, PHONE_808).run().variable("AGENTPAUSE_STATUS"));
        assertFalse(rig.paused("PJSIP/808", "630") || rig.paused("PJSIP/808", "631"));
    }

    @Test
    void concurrentPressesForOneAgentSerialise() throws Exception {
        rig.pbx.setLatencyMicros(2000); // widen the read-modify-write window a race would need
        int presses = 12;
        List<CompletableFuture<AgiCallResult>> calls = new ArrayList<>();
        for (int i = 0; i < presses; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE, PHONE_808).run())));
        }
        int paused = 0;
        int unpaused = 0;
        for (CompletableFuture<AgiCallResult> c : calls) {
            AgiCallResult r = c.get();
            assertEquals("630,631", r.variable("AGENTPAUSE_QUEUES"), "every press acts on both queues");
            switch (r.variable("AGENTPAUSE_STATUS")) {
                case "PAUSED" -> paused++;
                case "UNPAUSED" -> unpaused++;
                default -> throw new AssertionError("unexpected " + r.variables());
            }
        }
        // Serialised toggles alternate: exactly half pause, half unpause, and the end state is whole.
        assertEquals(presses / 2, paused);
        assertEquals(presses / 2, unpaused);
        assertEquals(rig.paused("PJSIP/808", "630"), rig.paused("PJSIP/808", "631"));
        assertFalse(rig.paused("PJSIP/808", "630"));
    }
}
