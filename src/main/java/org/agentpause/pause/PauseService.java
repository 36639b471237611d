package org.agentpause.pause;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.SortedSet;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.QueueMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pause core: resolve the member, decide (for a toggle), apply, report. One lock per agent
 * is held across the read-modify-write, so concurrent requests for one agent never interleave.
 * Calls may block on the backend; callers run it on worker threads.
 */
public final class PauseService {

    private static final Logger log = LoggerFactory.getLogger(PauseService.class);
    static final String UNCONFIRMED = "PBX unavailable: the change was sent but not confirmed and may have"
            + " been applied; check agent-status";
    static final String PARTIAL = "PBX unavailable part-way: the change was applied only to the queues in data";

    private final QueueBackend backend;
    private final MemberResolver resolver;
    static final String BUSY = "PBX unavailable: earlier requests for this agent are still waiting for the PBX;"
            + " nothing was changed";

    private final MemberLocks locks = new MemberLocks(1024);
    private final long lockWaitNanos;

    /**
     * @param lockWait longest wait for an agent's earlier requests to finish; past it the request
     *                 answers UNAVAILABLE unchanged instead of queueing behind a stuck PBX forever
     */
    public PauseService(QueueBackend backend, MemberResolver resolver, Duration lockWait) {
        this.backend = backend;
        this.resolver = resolver;
        this.lockWaitNanos = lockWait.toNanos();
    }

    public PauseService(QueueBackend backend, MemberResolver resolver) {
        this(backend, resolver, Duration.ofSeconds(10));
    }

    /** Executes a validated command. Never throws for PBX trouble: that is an outcome. */
    public PauseResult execute(PauseCommand cmd) {
        long deadline = System.nanoTime() + lockWaitNanos;
        SortedSet<Integer> needed = stripes(cmd);
        try {
            while (true) {
                MemberLocks.Held held = locks.acquire(needed, deadline);
                if (held == null) {
                    return logged(cmd, new PauseResult(Outcome.UNAVAILABLE, BUSY, List.of(), List.of(), ""));
                }
                // Membership may have changed while we waited: resolve again under the locks.
                SortedSet<Integer> now = stripes(cmd);
                if (held.covers(now)) {
                    try {
                        return logged(cmd, apply(cmd));
                    } finally {
                        held.close();
                    }
                }
                held.close();
                needed.addAll(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logged(cmd, PauseResult.of(Outcome.UNAVAILABLE));
        }
    }

    /**
     * The lock stripes of every name this agent goes by: the member as given and each interface
     * it resolves to, so "808", "PJSIP/808" and a member name such as "alice" share a lock.
     */
    private SortedSet<Integer> stripes(PauseCommand cmd) {
        List<String> keys = new ArrayList<>();
        keys.add(MemberResolver.lockKey(cmd.member()));
        for (String iface : resolver.resolve(backend.view(), cmd.member(), null)) {
            keys.add(MemberResolver.lockKey(iface));
        }
        return locks.stripesFor(keys);
    }

    private PauseResult apply(PauseCommand cmd) {
        MembershipView view = backend.view();
        List<String> ifaces = resolver.resolve(view, cmd.member(), cmd.queue());
        boolean pause = switch (cmd.action()) {
            case PAUSE -> true;
            case UNPAUSE -> false;
            case TOGGLE -> !anyPaused(view, ifaces, cmd.queue());
        };
        TreeSet<String> queues = new TreeSet<>();
        List<String> changed = new ArrayList<>();
        for (String iface : ifaces) {
            List<String> q;
            try {
                q = backend.setPaused(iface, cmd.queue(), pause, cmd.reason());
            } catch (PbxUnavailableException e) {
                log.warn("PBX unavailable while setting {} paused={}: {}", iface, pause, e.getMessage());
                return unavailable(e, queues, changed, cmd.reason());
            }
            if (!q.isEmpty()) {
                queues.addAll(q);
                changed.add(iface);
            }
        }
        if (changed.isEmpty()) {
            return PauseResult.of(Outcome.NOT_FOUND);
        }
        Outcome outcome = pause ? Outcome.PAUSED : Outcome.UNPAUSED;
        return new PauseResult(outcome, outcome.message(), new ArrayList<>(queues), changed,
                pause ? cmd.reason() : "");
    }

    /**
     * Never claims "not applied" when the PBX may have acted: a sent but unanswered action, or a
     * failure after other interfaces changed, says so, and the queues that did change are reported.
     */
    private static PauseResult unavailable(PbxUnavailableException e, TreeSet<String> queues,
                                           List<String> changed, String reason) {
        String message = e.maybeApplied() ? UNCONFIRMED
                : queues.isEmpty() ? Outcome.UNAVAILABLE.message() : PARTIAL;
        return new PauseResult(Outcome.UNAVAILABLE, message, new ArrayList<>(queues), changed, reason);
    }

    /** Toggle rule: paused in any targeted queue means "unpause all of them". */
    private static boolean anyPaused(MembershipView view, List<String> ifaces, String queue) {
        for (String iface : ifaces) {
            for (QueueMember m : view.membershipsOf(iface).values()) {
                if (m.paused() && (queue == null || queue.equals(m.queue()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static PauseResult logged(PauseCommand cmd, PauseResult r) {
        log.info("pause actor={} member={} action={} queue={} -> {} queues={} interfaces={}",
                cmd.actor(), cmd.member(), cmd.action(), cmd.queue() == null ? "*" : cmd.queue(),
                r.outcome(), r.queues(), r.interfaces());
        return r;
    }
}
