package org.agentpause.pbx.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Folds reload requests into at most one waiting reload on {@code ami-view}, and tells whoever
 * asks to be told when a reload that started after they asked has ended (loaded, skipped or failed).
 */
final class ReloadRequests {

    private final LiveMembership live;
    private final Runnable reload;
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean queued;

    /** @param reload the full reload; runs on {@code ami-view} */
    ReloadRequests(LiveMembership live, Runnable reload) {
        this.live = live;
        this.reload = reload;
    }

    /** Queues one reload unless one is already waiting to start; cheap to call often. */
    void request() {
        request(null);
    }

    /** Like {@link #request}, plus a future completed once a reload that started after this call has ended. */
    CompletableFuture<Void> requestTracked() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        request(done);
        return done;
    }

    private void request(CompletableFuture<Void> waiter) {
        boolean submit;
        synchronized (this) {
            // Under the same lock as run()'s hand-over, so a waiter is never left to a reload already running.
            if (waiter != null) {
                waiting.add(waiter);
            }
            submit = !queued;
            queued = true;
        }
        if (submit) {
            live.submit(this::run);
        }
    }

    private void run() {
        List<CompletableFuture<Void>> mine;
        synchronized (this) {
            queued = false;
            mine = List.copyOf(waiting);
            waiting.clear();
        }
        try {
            reload.run();
        } finally {
            mine.forEach(f -> f.complete(null));
        }
    }
}
