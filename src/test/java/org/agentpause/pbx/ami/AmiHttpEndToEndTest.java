package org.agentpause.pbx.ami;

import static org.agentpause.pbx.ami.AmiRig.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP door → pause core → AMI backend → fake Asterisk: the exact AMI bytes and the HTTP replies. */
class AmiHttpEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private AmiRig rig;

    @BeforeEach
    void up() throws Exception {
        FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
        fake.start();
        rig = new AmiRig(fake, Map.of());
        assertTrue(rig.backend.health().up(), rig.backend.health().detail());
        rig.fake.clearActions();
    }

    @AfterEach
    void down() throws Exception {
        rig.close();
    }

    /** The QueuePause actions sent, each with its ActionID value replaced by {@code <id>} (asterisk-java numbers them). */
    private List<String> queuePauses() {
        return rig.queuePauses().stream()
                .map(a -> a.replaceFirst("(?m)^actionid: [^\r\n]*", "actionid: <id>")).toList();
    }

    @Test
    void pauseInOneQueueWithReason() throws Exception {
        HttpResponse<String> r = rig.pause(Map.of("member", "808", "queue", "630", "state", "on", "reason", "lunch"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"success\",\"message\":\"Interface paused successfully\"}", r.body());
        assertEquals(List.of("action: QueuePause\r\nactionid: <id>\r\nreason: lunch\r\npaused: true\r\n"
                + "interface: PJSIP/808\r\nqueue: 630\r\n\r\n"), queuePauses());
        assertTrue(rig.fake.queues().isPaused("630", "PJSIP/808"));
        assertEquals("lunch", rig.fake.queues().reason("630", "PJSIP/808"));
        assertFalse(rig.fake.queues().isPaused("631", "PJSIP/808"), "only the named queue");
    }

    @Test
    void unpauseSendsPausedFalseAndNoReason() throws Exception {
        rig.fake.pauseFromCli("PJSIP/809", "630", true, "break");
        HttpResponse<String> r = rig.pause(Map.of("member", "809", "queue", "630", "state", "off"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"status\":\"success\",\"message\":\"Interface unpaused successfully\"}", r.body());
        assertEquals(List.of("action: QueuePause\r\nactionid: <id>\r\npaused: false\r\n"
                + "interface: PJSIP/809\r\nqueue: 630\r\n\r\n"), queuePauses());
        assertFalse(rig.fake.queues().isPaused("630", "PJSIP/809"));
    }

    @Test
    void allQueuesOmitsTheQueueHeaderAndReportsEveryQueue() throws Exception {
        HttpResponse<String> r = rig.pause(Map.of("member", "808", "queue", "*", "state", "on", "verbose", "1"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"queues\":[\"630\",\"631\"]"), r.body());
        assertEquals(List.of("action: QueuePause\r\nactionid: <id>\r\npaused: true\r\n"
                + "interface: PJSIP/808\r\n\r\n"), queuePauses());
        assertTrue(rig.fake.queues().isPaused("630", "PJSIP/808"));
        assertTrue(rig.fake.queues().isPaused("631", "PJSIP/808"));
    }

    @Test
    void unknownInterfaceIsNotFoundAsAsteriskSaysIt() throws Exception {
        HttpResponse<String> r = rig.pause(Map.of("member", "PJSIP/999", "queue", "630", "state", "on"));
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("{\"status\":\"error\",\"message\":\"Interface not found\"}", r.body());
        assertEquals(List.of("action: QueuePause\r\nactionid: <id>\r\npaused: true\r\n"
                + "interface: PJSIP/999\r\nqueue: 630\r\n\r\n"), queuePauses());
    }

    @Test
    void memberNotInThatQueueIsNotFound() throws Exception {
        HttpResponse<String> r = rig.pause(Map.of("member", "809", "queue", "631", "state", "on"));
        assertEquals(404, r.statusCode(), r.body());
        assertFalse(queuePauses().isEmpty());
        for (String a : queuePauses()) {
            assertTrue(a.contains("queue: 631\r\n"), a);
        }
        assertFalse(rig.fake.queues().isPaused("630", "PJSIP/809"), "never touches another queue");
    }

    @Test
    void headerInjectionNeverReachesAsterisk() throws Exception {
        List<Map<String, String>> attacks = List.of(
                Map.of("member", "808\r\nQueue: 631", "queue", "630", "state", "on"),
                Map.of("member", "PJSIP/999\r\n\r\nAction: QueuePause\r\nInterface: PJSIP/809", "queue", "630", "state", "on"),
                Map.of("member", "808", "queue", "630\nQueue: 631", "state", "on"),
                Map.of("member", "808", "queue", "630", "state", "on", "reason", "x\rEvent: Fake"),
                Map.of("member", "808", "queue", "630", "state", "on", "reason", "x\r\n\r\nAction: Logoff"));
        for (Map<String, String> attack : attacks) {
            HttpResponse<String> r = rig.pause(attack);
            assertEquals(400, r.statusCode(), attack + " -> " + r.body());
        }
        List<String> reached = rig.fake.actions().stream().map(FakeAmiServer.ReceivedAction::name)
                .filter(n -> !n.equalsIgnoreCase("Ping")).toList();
        assertEquals(List.of(), reached, "nothing but keep-alive pings may reach Asterisk");
        assertFalse(rig.fake.queues().isPaused("630", "PJSIP/808"));
        assertFalse(rig.fake.queues().isPaused("630", "PJSIP/809"));
    }

    @Test
    void agentStatusShowsAPauseMadeFromTheCli() throws Exception {
        assertTrue(rig.get("/coocenter-api/queues/agent-status?member=809").body().contains("\"paused\":false"));
        rig.fake.pauseFromCli("PJSIP/809", "630", true, "coffee");
        assertTrue(eventually(WAIT, () -> body("/coocenter-api/queues/agent-status?member=809")
                .contains("\"paused\":\"1\",\"reason\":\"coffee\"")), body("/coocenter-api/queues/agent-status?member=809"));
        assertTrue(rig.fake.actions("QueuePause").isEmpty(), "reads cost no AMI round trip");
        assertTrue(rig.fake.actions("QueueStatus").isEmpty(), "reads cost no AMI round trip");
    }

    @Test
    void viewFollowsAddedAndRemovedMembers() throws Exception {
        String status = "/coocenter-api/queues/agent-status?member=812";
        assertEquals(404, rig.get(status).statusCode());
        rig.fake.addMember("631", "PJSIP/812", "Agent 812");
        assertTrue(eventually(WAIT, () -> body(status).contains("\"queue\":\"631\",\"interface\":\"PJSIP/812\"")),
                body(status));
        HttpResponse<String> r = rig.pause(Map.of("member", "812", "queue", "*", "state", "on", "verbose", "1"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"interfaces\":[\"PJSIP/812\"]"), r.body());
        rig.fake.removeMember("631", "PJSIP/812");
        assertTrue(eventually(WAIT, () -> status(status) == 404), body(status));
    }

    @Test
    void reloadEventPicksUpMembersAQueueReloadAddedSilently() throws Exception {
        String status = "/coocenter-api/queues/agent-status?member=813";
        rig.fake.addMemberSilently("632", "PJSIP/813", "Agent 813");
        assertEquals(404, rig.get(status).statusCode(), "nothing announced it yet");
        rig.fake.announceReload("app_queue.so");
        assertTrue(eventually(WAIT, () -> status(status) == 200), body(status));
    }

    @Test
    void healthzSaysUp() throws Exception {
        HttpResponse<String> r = rig.get("/healthz");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("connected to AMI at 127.0.0.1:" + rig.fake.port()), r.body());
    }

    private String body(String path) {
        try {
            return rig.get(path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int status(String path) {
        try {
            return rig.get(path).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
