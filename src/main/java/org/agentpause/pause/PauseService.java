package org.agentpause.pause;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
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

    private final QueueBackend backend;
    private final MemberResolver resolver;
    private final MemberLocks locks = new MemberLocks(1024);

    public PauseService(QueueBackend backend, MemberResolver resolver) {
        this.backend = backend;
        this.resolver = resolver;
    }

    /** Executes a validated command. Never throws for PBX trouble: that is an outcome. */
    public PauseResult execute(PauseCommand cmd) {
        ReentrantLock lock = locks.forKey(MemberResolver.lockKey(cmd.member()));
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logged(cmd, PauseResult.of(Outcome.UNAVAILABLE));
        }
        try {
            return logged(cmd, apply(cmd));
        } finally {
            lock.unlock();
        }
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
                // Report what did change before the failure, so nothing is lost silently.
                return new PauseResult(Outcome.UNAVAILABLE, unavailableMessage(queues, e.mayHaveApplied()),
                        new ArrayList<>(queues), changed, cmd.reason());
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
     * Never "not applied" when that may be false: not after changes in some queues, and not when
     * the PBX got the action but did not confirm it in time (it may apply it later).
     */
    static String unavailableMessage(TreeSet<String> changedQueues, boolean mayHaveApplied) {
        String before = changedQueues.isEmpty() ? ""
                : " (applied in queue(s) " + String.join(", ", changedQueues) + " before that)";
        if (mayHaveApplied) {
            return "PBX did not confirm the pause in time: it may or may not have been applied; check"
                    + " agent-status" + before;
        }
        return changedQueues.isEmpty() ? Outcome.UNAVAILABLE.message()
                : "PBX unavailable: applied only in queue(s) " + String.join(", ", changedQueues)
                        + " before the failure; not applied elsewhere";
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
