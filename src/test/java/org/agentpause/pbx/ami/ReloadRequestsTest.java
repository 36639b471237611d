package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reload requests fold into one, and a tracked request waits for a reload that starts after it. */
class ReloadRequestsTest {

    @Test
    void aTrackedRequestIsNotSatisfiedByTheReloadAlreadyRunning() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (LiveMembership live = new LiveMembership()) {
            ReloadRequests reloads = new ReloadRequests(live, () -> {
                if (started.incrementAndGet() == 1) {
                    await(release); // the first reload is still loading when the tracked request comes
                }
            });
            reloads.request();
            assertTrue(AmiRig.eventually(Duration.ofSeconds(5), () -> started.get() == 1));
            CompletableFuture<Void> tracked = reloads.requestTracked();
            reloads.request(); // folds into the one already queued
            assertFalse(tracked.isDone());
            release.countDown();
            tracked.get(5, TimeUnit.SECONDS);
            assertEquals(2, started.get(), "one more reload, started after the tracked request");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
