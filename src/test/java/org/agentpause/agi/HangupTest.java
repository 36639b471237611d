package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller who hangs up mid-script (HANGUP lines as in transcripts 02 and 03, or a broken
 * connection) never leaves a half-applied change: the requested change completes as one core call.
 */
class HangupTest {

    private static final String PHONE_808 = "PJSIP/808-0000001a";
    private SimulatedPbx pbx;
    private GateBackend gate;
    private AgiRig rig;

    @BeforeEach
    void start() throws Exception {
        pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808", "PJSIP/809"), "631", List.of("PJSIP/808")));
        gate = new GateBackend(pbx);
        rig = AgiRig.start(Map.of(), pbx, gate);
    }

    @AfterEach
    void stop() {
        gate.release.countDown();
        rig.close();
    }

    private void assertWhollyPaused() {
        assertTrue(rig.paused("PJSIP/808", "630") && rig.paused("PJSIP/808", "631"),
                "808 must be paused in every queue, never in only some");
    }

    @Test
    void hangupWhileTheCoreWorksStillCompletesAndReports() throws Exception {
        CompletableFuture<AgiCallResult> call = CompletableFuture.supplyAsync(
                () -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE, PHONE_808).hangUpAfter(1).run()));
        gate.awaitEntered();
        gate.release.countDown();
        AgiCallResult r = call.get();
        assertTrue(r.hungUp());
        // Asterisk still answers SET VARIABLE on a dead channel, so the result is recorded.
        assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertWhollyPaused();
    }

    @Test
    void hangupRightAfterTheEnvironment() throws Exception {
        gate.release.countDown();
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).hangUpAfter(0).run();
        assertTrue(r.hungUp());
        assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertWhollyPaused();
    }

    @Test
    void hangupLineBetweenACommandAndItsResponse() throws Exception {
        gate.release.countDown();
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).hangUpDuring(1).run();
        assertTrue(r.hungUp());
        assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertWhollyPaused();
    }

    @Test
    void connectionLostWhileTheCoreWorksStillCompletesTheChange() throws Exception {
        AgiCallResult r = CompletableFuture.supplyAsync(
                () -> AgiRig.unchecked(() -> rig.call(FastAgiDoor.TOGGLE, PHONE_808).dropAfter(1).run())).get();
        assertFalse(r.serverClosed());
        gate.awaitEntered();
        gate.release.countDown();
        Deadline.await("the change to complete", Duration.ofSeconds(5), () -> pbx.actionsApplied() == 1);
        assertWhollyPaused();
        assertEquals("UNPAUSED", rig.call(FastAgiDoor.TOGGLE, PHONE_808).run().variable("AGENTPAUSE_STATUS"),
                "the door still serves after a broken connection");
    }

    @Test
    void connectionLostBeforeTheRequestWasReadChangesNothing() throws Exception {
        gate.release.countDown();
        rig.close();
        pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808"), "631", List.of("PJSIP/808")));
        // One worker: the next call runs only after the dropped one has finished.
        rig = AgiRig.start(Map.of("agi.threads", "1"), pbx, pbx);
        AgiCallResult dropped = rig.call(FastAgiDoor.TOGGLE, PHONE_808).dropAfter(0).run();
        assertTrue(dropped.commands().isEmpty());
        AgiCallResult status = rig.call(FastAgiDoor.STATUS, PHONE_808).run();
        assertEquals("UNPAUSED", status.variable("AGENTPAUSE_STATUS"));
        assertEquals(0, pbx.actionsApplied());
    }
}
