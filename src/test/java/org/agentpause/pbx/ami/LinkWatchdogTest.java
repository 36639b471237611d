package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.agentpause.Threads;
import org.junit.jupiter.api.Test;

/** A check that throws is logged and runs again: half-open detection must never stop for good. */
class LinkWatchdogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NEVER = Duration.ofHours(1);

    /** A link whose checks throw for the first {@code failures} calls. */
    private static final class FlakyLink implements LinkWatchdog.Link {
        final AtomicInteger sessionChecks = new AtomicInteger();
        final AtomicInteger upChecks = new AtomicInteger();
        final AtomicInteger reloads = new AtomicInteger();
        private final int failures;

        FlakyLink(int failures) {
            this.failures = failures;
        }

        @Override
        public boolean sessionOpen() {
            if (sessionChecks.incrementAndGet() <= failures) {
                throw new IllegalArgumentException("unexpected bug in a ping check");
            }
            return false; // no Ping is sent: nothing listens
        }

        @Override
        public boolean isUp() {
            if (upChecks.incrementAndGet() <= failures) {
                throw new IllegalArgumentException("unexpected bug in a resync check");
            }
            return true;
        }

        @Override
        public void markDown(String why) {
            throw new AssertionError("no Ping was sent, so none can go unanswered: " + why);
        }

        @Override
        public void requestReload() {
            reloads.incrementAndGet();
        }
    }

    private static LinkWatchdog watchdog(FlakyLink link, Duration ping, Duration resync) {
        return new LinkWatchdog(link, new LeanManagerConnection(), () -> { }, 100, ping, resync,
                Executors.newSingleThreadScheduledExecutor(Threads.named("test-watchdog", true)));
    }

    @Test
    void aPingCheckThatThrowsKeepsPinging() throws Exception {
        FlakyLink link = new FlakyLink(2);
        try (LinkWatchdog w = watchdog(link, Duration.ofMillis(5), NEVER)) {
            w.start();
            assertTrue(AmiRig.eventually(WAIT, () -> link.sessionChecks.get() >= 4),
                    "ping checks run: " + link.sessionChecks.get());
        }
    }

    @Test
    void aResyncThatThrowsKeepsResyncing() throws Exception {
        FlakyLink link = new FlakyLink(2);
        try (LinkWatchdog w = watchdog(link, NEVER, Duration.ofMillis(5))) {
            w.start();
            assertTrue(AmiRig.eventually(WAIT, () -> link.reloads.get() >= 2),
                    "resyncs requested: " + link.reloads.get() + " after " + link.upChecks.get() + " checks");
        }
    }
}
