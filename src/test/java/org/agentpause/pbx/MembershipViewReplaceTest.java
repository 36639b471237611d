package org.agentpause.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The compare-and-set write: only the very instance read earlier may be replaced. */
class MembershipViewReplaceTest {

    private final MembershipView view = new MembershipView();
    private final QueueMember seen = new QueueMember("630", "PJSIP/808", "Agent 808", null, 0, false, "", 0);

    @Test
    void replacesTheInstanceItStillHolds() {
        view.put(seen);
        QueueMember paused = seen.withPause(true, "lunch", 10);
        assertTrue(view.replaceIf(seen, paused));
        assertSame(paused, view.membershipsOf("pjsip/808").get("630"));
    }

    @Test
    void aNewerWriteWinsEvenWhenItLooksTheSame() {
        view.put(seen);
        view.updatePause("630", "PJSIP/808", false, "", 20); // an event applied meanwhile
        QueueMember newer = view.membershipsOf("PJSIP/808").get("630");
        assertFalse(view.replaceIf(seen, seen.withPause(true, "lunch", 10)));
        assertSame(newer, view.membershipsOf("PJSIP/808").get("630"));
    }

    @Test
    void aRemovedMembershipIsNotBroughtBack() {
        view.put(seen);
        view.remove("630", "PJSIP/808");
        assertFalse(view.replaceIf(seen, seen.withPause(true, "", 10)));
        assertEquals(0, view.size());
    }

    @Test
    void refusesToReplaceOneMembershipWithAnother() {
        view.put(seen);
        QueueMember other = new QueueMember("631", "PJSIP/808", "Agent 808", null, 0, true, "", 0);
        assertThrows(IllegalArgumentException.class, () -> view.replaceIf(seen, other));
        assertFalse(view.membershipsOf("PJSIP/808").get("630").paused());
    }
}
