package org.agentpause.pbx.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app_queue state behind {@link FakeAmiServer}: queues, members and their pause state, with
 * Asterisk 22's {@code QueuePause} rules as recorded in the transcripts (interface matched
 * case-insensitively, no queue = every queue, reason kept to 79 bytes and cleared by a pause
 * without one). Thread-safe: every method locks the whole model.
 */
public final class FakeQueues {

    /** One membership, as {@code QueueStatus} and the {@code QueueMember*} events describe it. */
    static final class Member {
        final String queue;
        final String iface;
        final String name;
        final String stateInterface;
        final String membership;
        int penalty;
        final boolean ringinuse;
        boolean paused;
        /** Whether the last pause changed the state (Asterisk then also sends DeviceStateChange). */
        boolean stateChanged;
        String reason = "";
        long lastPause;
        final long loginTime;

        Member(String queue, String iface, String name, String stateInterface, String membership,
               int penalty, boolean ringinuse, long now) {
            this.queue = queue;
            this.iface = iface;
            this.name = name == null || name.isEmpty() ? iface : name;
            this.stateInterface = stateInterface == null || stateInterface.isEmpty() ? iface : stateInterface;
            this.membership = membership;
            this.penalty = penalty;
            this.ringinuse = ringinuse;
            this.loginTime = now;
        }

        /** Headers shared by {@code QueueMemberAdded/Removed/Pause} events (after {@code Queue}). */
        List<String[]> eventHeaders(String shownReason) {
            List<String[]> h = new ArrayList<>();
            h.add(new String[] {"Queue", queue});
            h.add(new String[] {"MemberName", name});
            h.add(new String[] {"Interface", iface});
            h.add(new String[] {"StateInterface", stateInterface});
            h.add(new String[] {"Membership", membership});
            h.add(new String[] {"Penalty", Integer.toString(penalty)});
            h.add(new String[] {"CallsTaken", "0"});
            h.add(new String[] {"LastCall", "0"});
            h.add(new String[] {"LastPause", Long.toString(lastPause)});
            h.add(new String[] {"LoginTime", Long.toString(loginTime)});
            h.add(new String[] {"InCall", "0"});
            h.add(new String[] {"Status", "4"});
            h.add(new String[] {"Paused", paused ? "1" : "0"});
            h.add(new String[] {"PausedReason", shownReason});
            h.add(new String[] {"Ringinuse", ringinuse ? "1" : "0"});
            h.add(new String[] {"Wrapuptime", "0"});
            return h;
        }

        /** Headers of a {@code QueueStatus} row: {@code Name} and {@code Location}, no {@code Ringinuse}. */
        List<String[]> statusRow() {
            List<String[]> h = new ArrayList<>();
            h.add(new String[] {"Queue", queue});
            h.add(new String[] {"Name", name});
            h.add(new String[] {"Location", iface});
            h.add(new String[] {"StateInterface", stateInterface});
            h.add(new String[] {"Membership", membership});
            h.add(new String[] {"Penalty", Integer.toString(penalty)});
            h.add(new String[] {"CallsTaken", "0"});
            h.add(new String[] {"LastCall", "0"});
            h.add(new String[] {"LastPause", Long.toString(lastPause)});
            h.add(new String[] {"LoginTime", Long.toString(loginTime)});
            h.add(new String[] {"InCall", "0"});
            h.add(new String[] {"Status", "4"});
            h.add(new String[] {"Paused", paused ? "1" : "0"});
            h.add(new String[] {"PausedReason", reason});
            h.add(new String[] {"Wrapuptime", "0"});
            return h;
        }
    }

    private final Map<String, Map<String, Member>> queues = new LinkedHashMap<>();

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Declares a queue (no event: like a {@code queue reload}). */
    public synchronized void addQueue(String queue) {
        queues.computeIfAbsent(queue, q -> new LinkedHashMap<>());
    }

    /** Adds or replaces a member; returns it. */
    synchronized Member add(String queue, String iface, String name, String stateInterface, boolean dynamic,
                            boolean ringinuse) {
        Member m = new Member(queue, iface, name, stateInterface, dynamic ? "dynamic" : "static", 0, ringinuse, now());
        queues.computeIfAbsent(queue, q -> new LinkedHashMap<>()).put(iface.toLowerCase(Locale.ROOT), m);
        return m;
    }

    /**
     * {@code QueueAdd}: a dynamic member, possibly paused with a reason. Returns the member, or
     * throws with Asterisk's own error message.
     */
    synchronized Member queueAdd(String queue, String iface, String name, String stateInterface, int penalty,
                                 boolean paused, String reason) {
        Map<String, Member> members = queues.get(queue);
        if (members == null) {
            throw new IllegalArgumentException("Unable to add interface to queue: No such queue");
        }
        if (members.containsKey(iface.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unable to add interface: Already there");
        }
        Member m = add(queue, iface, name, stateInterface, true, ringInUse(queue));
        m.penalty = penalty;
        m.paused = paused;
        m.stateChanged = paused;
        m.reason = paused && reason != null ? truncate(reason) : "";
        m.lastPause = now();
        return m;
    }

    /** {@code QueueRemove}: removes a dynamic member, or throws with Asterisk's error message. */
    synchronized Member queueRemove(String queue, String iface) {
        Map<String, Member> members = queues.get(queue);
        if (members == null) {
            throw new IllegalArgumentException("Unable to remove interface from queue: No such queue");
        }
        Member m = members.get(iface.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("Unable to remove interface: Not there");
        }
        if (!m.membership.equals("dynamic")) {
            throw new IllegalArgumentException("Member not dynamic");
        }
        return members.remove(iface.toLowerCase(Locale.ROOT));
    }

    /** A queue's ringinuse setting, as its members show it (Asterisk's default is yes). */
    private boolean ringInUse(String queue) {
        Map<String, Member> members = queues.get(queue);
        return members == null || members.isEmpty() || members.values().iterator().next().ringinuse;
    }

    /** Removes a member; returns it, or null when it was not there. */
    synchronized Member remove(String queue, String iface) {
        Map<String, Member> members = queues.get(queue);
        return members == null ? null : members.remove(iface.toLowerCase(Locale.ROOT));
    }

    /** Whether the interface is paused in the queue (false when not a member). */
    public synchronized boolean isPaused(String queue, String iface) {
        Map<String, Member> members = queues.get(queue);
        Member m = members == null ? null : members.get(iface.toLowerCase(Locale.ROOT));
        return m != null && m.paused;
    }

    /** The pause reason Asterisk keeps for the member ("" when none or not a member). */
    public synchronized String reason(String queue, String iface) {
        Map<String, Member> members = queues.get(queue);
        Member m = members == null ? null : members.get(iface.toLowerCase(Locale.ROOT));
        return m == null ? "" : m.reason;
    }

    /**
     * Applies a {@code QueuePause}; returns the members changed (empty = {@code Interface not found}).
     *
     * @param queue  one queue, or null/empty for every queue the interface is in
     * @param reason the {@code Reason} header, or null when absent
     */
    synchronized List<Member> pause(String iface, String queue, boolean paused, String reason) {
        List<Member> hit = new ArrayList<>();
        String key = iface.toLowerCase(Locale.ROOT);
        queues.forEach((q, members) -> {
            Member m = members.get(key);
            if (m != null && (queue == null || queue.isEmpty() || queue.equals(q))) {
                m.stateChanged = m.paused != paused;
                m.paused = paused;
                m.reason = paused && reason != null ? truncate(reason) : "";
                m.lastPause = now();
                hit.add(m);
            }
        });
        return hit;
    }

    /** Queues (optionally one) with their members, copied for a {@code QueueStatus} answer. */
    synchronized Map<String, List<Member>> status(String onlyQueue) {
        Map<String, List<Member>> out = new LinkedHashMap<>();
        queues.forEach((q, members) -> {
            if (onlyQueue == null || onlyQueue.isEmpty() || onlyQueue.equals(q)) {
                out.put(q, new ArrayList<>(members.values()));
            }
        });
        return out;
    }

    /** Asterisk keeps the first 79 bytes of a reason. */
    static String truncate(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        return b.length <= 79 ? reason : new String(b, 0, 79, StandardCharsets.UTF_8);
    }
}
