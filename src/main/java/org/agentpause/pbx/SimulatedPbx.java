package org.agentpause.pbx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * An in-memory PBX with app_queue's pause semantics: the embedded default backend and the fake
 * behind core tests, with fault knobs (latency, failing calls, disconnection).
 */
public final class SimulatedPbx implements QueueBackend {

    /** Asterisk keeps at most this many bytes of a pause reason. */
    static final int REASON_BYTES = 79;

    private final MembershipView view = new MembershipView();
    private final LongSupplier epochSeconds;
    private final AtomicLong latencyMicros = new AtomicLong();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger lostRepliesLeft = new AtomicInteger();
    private final AtomicLong actionsApplied = new AtomicLong();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicLong redundantChanges = new AtomicLong();
    private volatile boolean disconnected;

    /** A PBX with the given queues; each maps to its member interfaces, e.g. {@code PJSIP/808}. */
    public SimulatedPbx(Map<String, List<String>> queues, LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
        queues.forEach((queue, ifaces) -> {
            view.addQueue(queue);
            ifaces.forEach(iface -> addMember(queue, iface));
        });
    }

    /** A PBX on the system clock. */
    public SimulatedPbx(Map<String, List<String>> queues) {
        this(queues, () -> System.currentTimeMillis() / 1000);
    }

    /** Adds a member, unpaused, as a {@code QueueAdd} would; its name is the interface, as Asterisk's default. */
    public void addMember(String queue, String iface) {
        view.put(new QueueMember(queue, iface, iface, iface, 0, false, "", 0));
    }

    /** Removes a member, as a {@code QueueRemove} would. */
    public boolean removeMember(String queue, String iface) {
        return view.remove(queue, iface);
    }

    @Override
    public void start() {
        // Nothing to connect to.
    }

    @Override
    public MembershipView view() {
        return view;
    }

    @Override
    public List<String> setPaused(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException {
        inProgress.incrementAndGet();
        try {
            return apply(iface, queue, paused, reason);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private List<String> apply(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException {
        simulateLatency();
        if (disconnected) {
            throw new PbxUnavailableException("simulated PBX is disconnected");
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PbxUnavailableException("simulated PBX failure (fault injected)");
        }
        String kept = truncate(reason);
        long now = epochSeconds.getAsLong();
        List<String> targets = queue == null
                ? new ArrayList<>(view.membershipsOf(iface).keySet())
                : view.membershipsOf(iface).containsKey(queue) ? List.of(queue) : List.of();
        for (String q : targets) {
            // Asterisk accepts a pause of a paused member; count them, since serialised toggles never make one.
            if (view.membershipsOf(iface).get(q).paused() == paused) {
                redundantChanges.incrementAndGet();
            }
            view.updatePause(q, iface, paused, kept, now);
        }
        if (!targets.isEmpty()) {
            actionsApplied.incrementAndGet();
        }
        if (lostRepliesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PbxUnavailableException("simulated PBX applied the change but its reply was lost"
                    + " (fault injected)", null, true);
        }
        return targets;
    }

    private void simulateLatency() throws PbxUnavailableException {
        long micros = latencyMicros.get();
        if (micros > 0) {
            try {
                TimeUnit.MICROSECONDS.sleep(micros);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PbxUnavailableException("interrupted while waiting for the simulated PBX", e);
            }
        }
    }

    /** Cuts a reason to Asterisk's 79 bytes without splitting a UTF-8 sequence. */
    static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= REASON_BYTES) {
            return reason;
        }
        int end = REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public BackendHealth health() {
        return disconnected ? BackendHealth.down("simulated PBX is disconnected")
                : BackendHealth.up("simulated PBX, " + view.size() + " memberships");
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    /** Fault knob: every {@link #setPaused} waits this long first. */
    public void setLatencyMicros(long micros) {
        latencyMicros.set(micros);
    }

    /** Fault knob: the next {@code n} calls fail as unavailable, changing nothing. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    /** Fault knob: the next {@code n} calls apply their change, then fail as if the reply was lost. */
    public void loseNextReplies(int n) {
        lostRepliesLeft.set(n);
    }

    /** Fault knob: while true, every call fails as unavailable and health is down. */
    public void setDisconnected(boolean value) {
        disconnected = value;
    }

    /** How many queue memberships were set to the state they already had. */
    public long redundantChanges() {
        return redundantChanges.get();
    }

    /** How many {@link #setPaused} calls are running now (e.g. held by the latency knob). */
    public int inProgress() {
        return inProgress.get();
    }

    /** How many pause actions found their member and changed state (the fake's own record). */
    public long actionsApplied() {
        return actionsApplied.get();
    }
}
