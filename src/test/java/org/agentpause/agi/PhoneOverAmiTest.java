package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.pbx.SimulatedPbx;
import org.agentpause.pbx.ami.AmiQueueBackend;
import org.agentpause.pbx.ami.FakeAmiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's acceptance run with both real halves: an Asterisk-like FastAGI call runs the {@code *46}
 * script, and the AMI backend drives a fake Asterisk built from the transcripts.
 */
class PhoneOverAmiTest {

    private static final String PHONE = "PJSIP/808-0000001a";
    private FakeAmiServer asterisk;
    private AmiQueueBackend backend;
    private AgiRig rig;

    @BeforeEach
    void start() throws Exception {
        asterisk = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
        int amiPort = asterisk.start();
        backend = new AmiQueueBackend(AgentPauseConfig.defaults(Map.of("pbx.backend", "ami",
                "ami.port", Integer.toString(amiPort), "ami.username", "pauseapi",
                "ami.secret", "pauseapi-secret", "ami.timeout-ms", "2000")).ami());
        backend.start();
        Deadline.await("AMI view loaded", Duration.ofSeconds(10), () -> backend.health().up());
        rig = AgiRig.start(Map.of(), new SimulatedPbx(Map.of()), backend);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
        asterisk.close();
    }

    private List<String> queuePauses() {
        return asterisk.actions("QueuePause").stream().map(FakeAmiServer.ReceivedAction::text).toList();
    }

    @Test
    void star46PausesEveryQueueThenUnpausesAndStar46630TouchesOnlyThatQueue() throws Exception {
        AgiCallResult first = rig.call("agent-pause/toggle", PHONE).run();
        assertEquals("PAUSED", first.variable("AGENTPAUSE_STATUS"));
        assertEquals("630,631", first.variable("AGENTPAUSE_QUEUES"));
        assertTrue(asterisk.queues().isPaused("630", "PJSIP/808") && asterisk.queues().isPaused("631", "PJSIP/808"));
        // One action for every queue: no Queue header. asterisk-java writes header names in lower
        // case, which Asterisk accepts (transcript 09).
        String sent = queuePauses().get(0);
        assertTrue(sent.startsWith("action: QueuePause\r\n"), sent);
        assertTrue(sent.contains("interface: PJSIP/808\r\n") && sent.contains("paused: true\r\n"), sent);
        assertFalse(sent.contains("queue:") || sent.contains("reason:"), sent);

        AgiCallResult second = rig.call("agent-pause/toggle", PHONE).run();
        assertEquals("UNPAUSED", second.variable("AGENTPAUSE_STATUS"));
        assertFalse(asterisk.queues().isPaused("630", "PJSIP/808") || asterisk.queues().isPaused("631", "PJSIP/808"));

        AgiCallResult one = rig.call("agent-pause/toggle?queue=630", PHONE).run();
        assertEquals("PAUSED", one.variable("AGENTPAUSE_STATUS"));
        assertEquals("630", one.variable("AGENTPAUSE_QUEUES"));
        assertTrue(asterisk.queues().isPaused("630", "PJSIP/808"));
        assertFalse(asterisk.queues().isPaused("631", "PJSIP/808"));
        assertTrue(queuePauses().get(2).contains("queue: 630\r\n"), queuePauses().get(2));
        assertEquals(3, queuePauses().size(), "no AMI work beyond one QueuePause per press");
    }

    @Test
    void aPauseMadeAtTheAsteriskCliMakesTheNextPressUnpauseEverywhere() throws Exception {
        asterisk.pauseFromCli("PJSIP/808", "631", true, "");
        Deadline.await("view sees the CLI pause", Duration.ofSeconds(5),
                () -> backend.view().membershipsOf("PJSIP/808").get("631").paused());
        AgiCallResult press = rig.call("agent-pause/toggle", PHONE).run();
        assertEquals("UNPAUSED", press.variable("AGENTPAUSE_STATUS"));
        assertFalse(asterisk.queues().isPaused("631", "PJSIP/808"));
    }

    @Test
    void aMemberInNoQueueHearsNotFound() throws Exception {
        AgiCallResult r = rig.call("agent-pause/toggle", "PJSIP/999-00000001").run();
        assertEquals("NOTFOUND", r.variable("AGENTPAUSE_STATUS"));
    }
}
