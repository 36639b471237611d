package org.agentpause.pbx;

/**
 * One interface's membership of one queue, as Asterisk reports it (an immutable snapshot).
 *
 * @param queue          queue name, e.g. {@code 630}
 * @param iface          member interface in its configured spelling, e.g. {@code PJSIP/808}
 * @param name           member name ({@code MemberName}/{@code Name}), e.g. {@code Agent 808}
 * @param stateInterface interface whose device state Asterisk watches
 * @param penalty        queue penalty
 * @param paused         whether the member is paused in this queue
 * @param reason         pause reason, empty when none
 * @param lastPause      epoch seconds of the last pause (Asterisk's {@code LastPause}), 0 if never
 */
public record QueueMember(String queue, String iface, String name, String stateInterface,
                          int penalty, boolean paused, String reason, long lastPause) {

    public QueueMember {
        name = name == null ? "" : name;
        // Equal strings share one instance: a view of 100,000 memberships holds one copy, not three.
        name = name.equals(iface) ? iface : name;
        stateInterface = stateInterface == null || stateInterface.isEmpty() || stateInterface.equals(iface)
                ? iface : stateInterface;
        reason = reason == null || reason.isEmpty() ? "" : reason;
    }

    /** The same member with a new pause state, as Asterisk records it after a QueuePause. */
    public QueueMember withPause(boolean nowPaused, String newReason, long atEpochSeconds) {
        // Asterisk keeps the reason only while paused, and stamps LastPause on a pause only
        // (every pause, even of a paused member); an unpause leaves it as it was.
        return new QueueMember(queue, iface, name, stateInterface, penalty, nowPaused,
                nowPaused ? newReason : "", nowPaused ? atEpochSeconds : lastPause);
    }
}
