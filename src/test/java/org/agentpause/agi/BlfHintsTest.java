package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.agentpause.pbx.SimulatedPbx;
import org.junit.jupiter.api.Test;

/** BLF hint lines from the live membership. */
class BlfHintsTest {

    @Test
    void oneHintPerAgentJoiningEveryQueuePauseState() {
        SimulatedPbx pbx = new SimulatedPbx(Map.of(
                "630", List.of("PJSIP/808", "PJSIP/809", "Local/810@from-queue/n"),
                "631", List.of("PJSIP/808"),
                "632", List.of("SIP/808")));
        List<String> lines = BlfHints.render(pbx.view());
        assertEquals(List.of(
                "; BLF hints for agent-pause, generated from the live queue membership: 3 agents.",
                "; Regenerate after adding or removing queue members (java -jar agent-pause.jar hints).",
                "[agent-pause-hints]",
                "exten => *46*808,hint,Queue:630_pause_PJSIP/808&Queue:631_pause_PJSIP/808&Queue:632_pause_SIP/808",
                "exten => *46*808,1,Goto(agent-pause-features,*46,1)",
                "exten => *46*809,hint,Queue:630_pause_PJSIP/809",
                "exten => *46*809,1,Goto(agent-pause-features,*46,1)",
                "exten => *46*810,hint,Queue:630_pause_Local/810@from-queue/n",
                "exten => *46*810,1,Goto(agent-pause-features,*46,1)"), lines);
    }

    @Test
    void followsMembershipChangesAndSkipsNamesThatCannotBeExtensions() {
        SimulatedPbx pbx = new SimulatedPbx(Map.of("630", List.of("PJSIP/808")));
        pbx.addMember("630", "PJSIP/bad name");
        pbx.addMember("631", "PJSIP/809");
        pbx.removeMember("630", "PJSIP/808");
        List<String> lines = BlfHints.render(pbx.view());
        assertEquals("exten => *46*809,hint,Queue:631_pause_PJSIP/809", lines.get(3));
        assertEquals(5, lines.size(), lines.toString());
    }
}
