package org.agentpause.pbx.ami;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.agentpause.Threads;
import org.agentpause.pbx.MembershipView;

/**
 * The current membership view plus the one thread that changes it.
 *
 * <p>Events and full reloads run in arrival order on the {@code ami-view} thread. A reload blocks
 * that thread, so events arriving meanwhile wait and are applied to the fresh view right after it
 * is swapped in: each event carries a member's whole state, so replaying ones the snapshot
 * already reflects ends in the right state. Readers only ever see a complete view.
 */
final class LiveMembership implements AutoCloseable {

    private final ExecutorService updates = Executors.newSingleThreadExecutor(Threads.named("ami-view", true));
    private volatile MembershipView current = new MembershipView();

    /** The view to read now; never half-loaded. */
    MembershipView current() {
        return current;
    }

    /** Replaces the view whole; call only from a task run by {@link #submit}. */
    void swap(MembershipView fresh) {
        current = fresh;
    }

    /** Applies a change to whichever view is current when its turn comes. */
    void apply(Consumer<MembershipView> change) {
        submit(() -> change.accept(current));
    }

    /** Runs a task on the update thread, after everything submitted before it. */
    void submit(Runnable task) {
        try {
            updates.execute(task);
        } catch (RejectedExecutionException e) {
            // Only after close(): the backend is shutting down and the view no longer matters.
        }
    }

    @Override
    public void close() {
        updates.shutdownNow();
    }
}
