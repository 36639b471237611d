package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pause scripts over a real socket: every outcome and every variable it leaves. */
class PauseScriptsTest {

    private static final String PHONE_808 = "PJSIP/808-0000001a";
    private AgiRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = AgiRig.start(Map.of("reasons.1", "lunch", "reasons.2", "break"));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private static void assertVars(AgiCallResult r, String status, String queues, String count, String paused,
                                   String pausedCount, String reason) {
        assertEquals(status, r.variable("AGENTPAUSE_STATUS"), r.toString());
        assertEquals(queues, r.variable("AGENTPAUSE_QUEUES"));
        assertEquals(count, r.variable("AGENTPAUSE_QUEUE_COUNT"));
        assertEquals(paused, r.variable("AGENTPAUSE_PAUSED"));
        assertEquals(pausedCount, r.variable("AGENTPAUSE_PAUSED_COUNT"));
        assertEquals(reason, r.variable("AGENTPAUSE_REASON"));
    }

    @Test
    void toggleInAllQueuesPausesThenUnpauses() throws Exception {
        AgiCallResult first = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
        assertVars(first, "PAUSED", "630,631", "2", "1", "2", "");
        assertEquals("Interface paused successfully", first.variable("AGENTPAUSE_MESSAGE"));
        assertTrue(rig.paused("PJSIP/808", "630") && rig.paused("PJSIP/808", "631"));

        AgiCallResult second = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
        assertVars(second, "UNPAUSED", "630,631", "2", "0", "0", "");
        assertFalse(rig.paused("PJSIP/808", "630") || rig.paused("PJSIP/808", "631"));
    }

    @Test
    void toggleInOneQueueByUrlQueryTouchesOnlyThatQueue() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE + "?queue=630", PHONE_808).run();
        assertVars(r, "PAUSED", "630", "1", "1", "1", "");
        assertTrue(rig.paused("PJSIP/808", "630"));
        assertFalse(rig.paused("PJSIP/808", "631"));
    }

    @Test
    void toggleInOneQueueByAgiArgumentAsTheDialplanSendsIt() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).args("queue=631", "reason=").run();
        assertVars(r, "PAUSED", "631", "1", "1", "1", "");
        assertFalse(rig.paused("PJSIP/808", "630"));
        assertTrue(rig.paused("PJSIP/808", "631"));
    }

    @Test
    void toggleWhenPausedInOneQueueUnpausesAll() throws Exception {
        rig.call(FastAgiDoor.ON + "?queue=631", PHONE_808).run();
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
        assertEquals("UNPAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertFalse(rig.paused("PJSIP/808", "630") || rig.paused("PJSIP/808", "631"));
    }

    @Test
    void onWithReasonCodeAppliesTheCatalogueLabel() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.ON, PHONE_808).args("queue=", "reason=1").run();
        assertVars(r, "PAUSED", "630,631", "2", "1", "2", "lunch");
        assertEquals("lunch", rig.reason("PJSIP/808", "630"));
        assertEquals("lunch", rig.reason("PJSIP/808", "631"));
    }

    @Test
    void onWithReasonTextFromTheUrlIsDecoded() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.ON + "?reason=coffee%20run&queue=630", PHONE_808).run();
        assertVars(r, "PAUSED", "630", "1", "1", "1", "coffee run");
        assertEquals("coffee run", rig.reason("PJSIP/808", "630"));
    }

    @Test
    void unknownReasonCodeIsInvalidAndChangesNothing() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.ON, PHONE_808).args("reason=7").run();
        assertVars(r, "INVALID", "", "0", "", "0", "");
        assertTrue(r.variable("AGENTPAUSE_MESSAGE").startsWith("reason: code 7"), r.variable("AGENTPAUSE_MESSAGE"));
        assertEquals(0, rig.pbx.actionsApplied());
    }

    @Test
    void badOptionsAreInvalidAndNameTheProblem() throws Exception {
        AgiCallResult unknown = rig.call(FastAgiDoor.ON, PHONE_808).args("queu=630").run();
        assertEquals("INVALID", unknown.variable("AGENTPAUSE_STATUS"));
        assertTrue(unknown.variable("AGENTPAUSE_MESSAGE").contains("unknown option 'queu'"));
        AgiCallResult badQueue = rig.call(FastAgiDoor.ON + "?queue=6%0A30", PHONE_808).run();
        assertEquals("INVALID", badQueue.variable("AGENTPAUSE_STATUS"));
        assertTrue(badQueue.variable("AGENTPAUSE_MESSAGE").startsWith("queue:"));
        AgiCallResult badEncoding = rig.call(FastAgiDoor.ON + "?reason=%zz", PHONE_808).run();
        assertEquals("INVALID", badEncoding.variable("AGENTPAUSE_STATUS"));
        assertTrue(badEncoding.variable("AGENTPAUSE_MESSAGE").startsWith("options: the URL query"));
        AgiCallResult noEquals = rig.call(FastAgiDoor.ON, PHONE_808).args("630").run();
        assertTrue(noEquals.variable("AGENTPAUSE_MESSAGE").contains("must look like name=value"));
        AgiCallResult twice = rig.call(FastAgiDoor.ON + "?queue=630", PHONE_808).args("queue=631").run();
        assertTrue(twice.variable("AGENTPAUSE_MESSAGE").startsWith("queue: is given twice"));
        assertEquals(0, rig.pbx.actionsApplied());
    }

    @Test
    void offUnpauses() throws Exception {
        rig.call(FastAgiDoor.ON, PHONE_808).run();
        AgiCallResult r = rig.call(FastAgiDoor.OFF, PHONE_808).run();
        assertVars(r, "UNPAUSED", "630,631", "2", "0", "0", "");
    }

    @Test
    void memberInNoQueueIsNotFound() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "PJSIP/999-00000001").run();
        assertVars(r, "NOTFOUND", "", "0", "", "0", "");
        assertEquals("Interface not found", r.variable("AGENTPAUSE_MESSAGE"));
        AgiCallResult wrongQueue = rig.call(FastAgiDoor.TOGGLE + "?queue=631", "PJSIP/809-00000002").run();
        assertEquals("NOTFOUND", wrongQueue.variable("AGENTPAUSE_STATUS"));
    }

    @Test
    void pbxDownIsUnavailable() throws Exception {
        rig.pbx.setDisconnected(true);
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
        assertVars(r, "UNAVAILABLE", "", "0", "", "0", "");
    }

    @Test
    void unexpectedFaultIsErrorNotACrashedCall() throws Exception {
        rig.close();
        SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808")));
        rig = AgiRig.start(Map.of(), pbx, new FaultyBackend(pbx));
        AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, PHONE_808).run();
        assertVars(r, "ERROR", "", "0", "", "0", "");
        assertTrue(r.serverClosed());
    }

    /** A backend whose write fails with a bug-like exception, as an unexpected fault would. */
    private static final class FaultyBackend extends ForwardingBackend {
        FaultyBackend(SimulatedPbx pbx) {
            super(pbx);
        }

        @Override
        public List<String> setPaused(String iface, String queue, boolean paused, String reason)
                throws PbxUnavailableException {
            throw new IllegalStateException("simulated bug in a backend");
        }
    }
}
