package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code agent-pause/status}: every outcome and the variables the *48 prompts read. */
class StatusScriptTest {

    private static final String PHONE_808 = "PJSIP/808-0000001a";
    private AgiRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = AgiRig.start(Map.of("reasons.1", "lunch"));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void unpausedAgentIsReportedWithItsQueues() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.STATUS, PHONE_808).run();
        assertEquals("UNPAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertEquals("0", r.variable("AGENTPAUSE_PAUSED"));
        assertEquals("630,631", r.variable("AGENTPAUSE_QUEUES"));
        assertEquals("2", r.variable("AGENTPAUSE_QUEUE_COUNT"));
        assertEquals("0", r.variable("AGENTPAUSE_PAUSED_COUNT"));
        assertEquals("", r.variable("AGENTPAUSE_REASON"));
        assertEquals(0, rig.pbx.actionsApplied(), "status must not write to the PBX");
    }

    @Test
    void pausedInOneQueueCountsAsPausedWithReason() throws Exception {
        rig.call(FastAgiDoor.ON + "?queue=631&reason=1", PHONE_808).run();
        AgiCallResult r = rig.call(FastAgiDoor.STATUS, PHONE_808).run();
        assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertEquals("1", r.variable("AGENTPAUSE_PAUSED"));
        assertEquals("2", r.variable("AGENTPAUSE_QUEUE_COUNT"));
        assertEquals("1", r.variable("AGENTPAUSE_PAUSED_COUNT"));
        assertEquals("lunch", r.variable("AGENTPAUSE_REASON"));
        assertEquals("paused in 1 of 2 queues", r.variable("AGENTPAUSE_MESSAGE"));
    }

    @Test
    void statusForOneQueue() throws Exception {
        rig.call(FastAgiDoor.ON + "?queue=631", PHONE_808).run();
        AgiCallResult r = rig.call(FastAgiDoor.STATUS + "?queue=630", PHONE_808).run();
        assertEquals("UNPAUSED", r.variable("AGENTPAUSE_STATUS"));
        assertEquals("630", r.variable("AGENTPAUSE_QUEUES"));
        assertEquals("1", r.variable("AGENTPAUSE_QUEUE_COUNT"));
    }

    @Test
    void notAMemberIsNotFound() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.STATUS, "SIP/999-00000003").run();
        assertEquals("NOTFOUND", r.variable("AGENTPAUSE_STATUS"));
        assertEquals("", r.variable("AGENTPAUSE_PAUSED"));
        assertEquals("0", r.variable("AGENTPAUSE_QUEUE_COUNT"));
    }

    @Test
    void unidentifiedCallerIsInvalid() throws Exception {
        AgiCallResult r = rig.call(FastAgiDoor.STATUS, "Local/*48@agent-features-00000005;2").run();
        assertEquals("INVALID", r.variable("AGENTPAUSE_STATUS"));
        assertTrue(r.variable("AGENTPAUSE_MESSAGE").startsWith("member:"));
    }

    @Test
    void unexpectedFaultIsError() throws Exception {
        rig.close();
        SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808")));
        rig = AgiRig.start(Map.of(), pbx, new ForwardingBackend(pbx) {
            @Override
            public MembershipView view() {
                throw new IllegalStateException("simulated bug reading the view");
            }
        });
        AgiCallResult r = rig.call(FastAgiDoor.STATUS, PHONE_808).run();
        assertEquals("ERROR", r.variable("AGENTPAUSE_STATUS"));
        assertEquals("", r.variable("AGENTPAUSE_PAUSED"));
        assertEquals("0", r.variable("AGENTPAUSE_QUEUE_COUNT"));
    }

    @Test
    void pbxDownIsUnavailable() throws Exception {
        rig.pbx.setDisconnected(true);
        AgiCallResult r = rig.call(FastAgiDoor.STATUS, PHONE_808).run();
        assertEquals("UNAVAILABLE", r.variable("AGENTPAUSE_STATUS"));
        assertEquals("", r.variable("AGENTPAUSE_PAUSED"));
    }
}
