package org.agentpause.pbx.ami;

import org.agentpause.pbx.QueueMember;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;

/**
 * Turns AMI rows into {@link QueueMember}s. The same facts have different header names:
 * {@code QueueStatus} rows say {@code Name}/{@code Location}, the {@code QueueMember*} events say
 * {@code MemberName}/{@code Interface}, and asterisk-java maps them to differently named getters.
 */
final class MemberRows {

    private MemberRows() {
    }

    /** A {@code QueueMember} row of a {@code QueueStatus} list (also {@code QueueMemberStatus}). */
    @SuppressWarnings("deprecation") // getMemberName: the header QueueMemberStatus events still carry (transcript 18)
    static QueueMember fromStatusRow(QueueMemberEvent e) {
        return new QueueMember(e.getQueue(), e.getInterface(), first(e.getName(), e.getMemberName()),
                e.getStateinterface(), intOf(e.getPenalty()), Boolean.TRUE.equals(e.getPaused()),
                text(e.getPausedreason()), longOf(e.getLastPause()));
    }

    /** A {@code QueueMemberAdded} event; a member added paused arrives paused (no separate pause event). */
    static QueueMember fromAdded(QueueMemberAddedEvent e) {
        return new QueueMember(e.getQueue(), e.getInterface(), text(e.getMemberName()),
                e.getStateinterface(), intOf(e.getPenalty()), Boolean.TRUE.equals(e.getPaused()),
                text(e.getPausedReason()), 0);
    }

    /** The pause reason of a {@code QueueMemberPause} event, whichever getter the library filled. */
    static String reasonOf(QueueMemberPauseEvent e) {
        return text(first(first(e.getPausedreason(), e.getPausedReason()), e.getReason()));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static int intOf(Integer i) {
        return i == null ? 0 : i;
    }

    static long longOf(Long l) {
        return l == null ? 0 : l;
    }
}
