package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who the agent is: AGENTPAUSE_MEMBER, else the channel, and caller ID only when trusted. */
class CallerIdentityTest {

    @Test
    void channelNamesGiveTheEndpoint() {
        assertEquals(Optional.of("808"), PhoneRequestReader.memberOfChannel("PJSIP/808-0000001a"));
        assertEquals(Optional.of("808"), PhoneRequestReader.memberOfChannel("SIP/808-00000012"));
        assertEquals(Optional.of("808"), PhoneRequestReader.memberOfChannel("IAX2/808-12345"));
        assertEquals(Optional.of("office-808"), PhoneRequestReader.memberOfChannel("PJSIP/office-808-0000001b"));
        assertEquals(Optional.empty(), PhoneRequestReader.memberOfChannel("Local/*46@agent-features-00000005;2"));
        assertEquals(Optional.empty(), PhoneRequestReader.memberOfChannel("local/808@from-queue-0001;1"));
        assertEquals(Optional.empty(), PhoneRequestReader.memberOfChannel("garbage"));
        assertEquals(Optional.empty(), PhoneRequestReader.memberOfChannel(null));
    }

    @Test
    void memberVariableSetByDialplanWinsOverTheChannel() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of())) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "Local/*46@agent-features-00000005;2")
                    .variable("AGENTPAUSE_MEMBER", "809").run();
            assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
            assertTrue(rig.paused("PJSIP/809", "630"));
            assertFalse(rig.paused("PJSIP/808", "630"));
            assertTrue(r.commands().contains("GET VARIABLE \"AGENTPAUSE_MEMBER\""), r.commands().toString());
        }
    }

    @Test
    void memberVariableMayNameAnInterface() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of())) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "PJSIP/808-0000001a")
                    .variable("AGENTPAUSE_MEMBER", "Local/810@from-queue/n").run();
            assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
            assertTrue(rig.paused("Local/810@from-queue/n", "630"));
            assertFalse(rig.paused("PJSIP/808", "630"));
        }
    }

    @Test
    void localChannelWithoutTheVariableIsInvalidAndCallerIdIsIgnored() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of())) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "Local/*46@agent-features-00000005;2")
                    .callerId("808", "Agent 808").run();
            assertEquals("INVALID", r.variable("AGENTPAUSE_STATUS"));
            assertTrue(r.variable("AGENTPAUSE_MESSAGE").contains("AGENTPAUSE_MEMBER"));
            assertEquals(0, rig.pbx.actionsApplied());
        }
    }

    @Test
    void forgedCallerIdDoesNotChooseTheAgent() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of())) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "PJSIP/809-00000004").callerId("808", "Boss").run();
            assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
            assertTrue(rig.paused("PJSIP/809", "630"));
            assertFalse(rig.paused("PJSIP/808", "630") || rig.paused("PJSIP/808", "631"));
        }
    }

    @Test
    void callerIdIsUsedOnlyWhenTrustedAndNothingBetterExists() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of("agi.trust-callerid", "true"))) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "Local/*46@agent-features-00000005;2")
                    .callerId("808", "Agent 808").run();
            assertEquals("PAUSED", r.variable("AGENTPAUSE_STATUS"));
            assertTrue(rig.paused("PJSIP/808", "631"));
            AgiCallResult fromChannel = rig.call(FastAgiDoor.TOGGLE, "PJSIP/809-00000004").callerId("808", "x").run();
            assertEquals("PAUSED", fromChannel.variable("AGENTPAUSE_STATUS"));
            assertTrue(rig.paused("PJSIP/809", "630"), "the channel still wins over caller ID");
        }
    }

    @Test
    void invalidMemberVariableIsRefusedNamingTheField() throws Exception {
        try (AgiRig rig = AgiRig.start(Map.of())) {
            AgiCallResult r = rig.call(FastAgiDoor.TOGGLE, "PJSIP/808-0000001a")
                    .variable("AGENTPAUSE_MEMBER", "808 evil").run();
            assertEquals("INVALID", r.variable("AGENTPAUSE_STATUS"));
            assertTrue(r.variable("AGENTPAUSE_MESSAGE").startsWith("member:"));
            assertEquals(0, rig.pbx.actionsApplied());
        }
    }
}
