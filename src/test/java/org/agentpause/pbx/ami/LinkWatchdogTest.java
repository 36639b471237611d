package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.agentpause.Threads;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.junit.jupiter.api.Test;

/** Half-open detection never stops for good: a check that throws runs again; a dead socket the library missed is logged in again. */
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

        @Override
        public void sessionDead(String why) {
            throw new AssertionError("no Ping was sent, so none can fail: " + why);
        }
    }

    /** A logged-in link whose Pings go to a connection the test controls. */
    private static final class OpenLink implements LinkWatchdog.Link {
        final List<String> dead = new CopyOnWriteArrayList<>();

        @Override
        public boolean sessionOpen() {
            return true;
        }

        @Override
        public boolean isUp() {
            return true;
        }

        @Override
        public void markDown(String why) {
            throw new AssertionError("a Ping that fails at once is not a timeout: " + why);
        }

        @Override
        public void requestReload() {
        }

        @Override
        public void sessionDead(String why) {
            dead.add(why);
        }
    }

    /** A connection whose every action fails to be written, in the given library state. */
    private static ManagerConnection brokenSocket(ManagerConnectionState state, AtomicInteger pings) throws Exception {
        ManagerConnection c = mock(ManagerConnection.class);
        when(c.getState()).thenReturn(state);
        when(c.sendAction(any(), anyLong())).thenAnswer(i -> {
            pings.incrementAndGet();
            throw new IOException("Broken pipe");
        });
        return c;
    }

    @Test
    void twoPingsThatCannotBeWrittenWhileTheLibrarySaysConnectedLogInAgain() throws Exception {
        OpenLink link = new OpenLink();
        AtomicInteger pings = new AtomicInteger();
        try (LinkWatchdog w = new LinkWatchdog(link, brokenSocket(ManagerConnectionState.CONNECTED, pings), () -> { },
                100, Duration.ofMillis(5), NEVER, Executors.newSingleThreadScheduledExecutor(Threads.named("test-watchdog", true)))) {
            w.start();
            assertTrue(AmiRig.eventually(WAIT, () -> !link.dead.isEmpty()), "pings: " + pings.get());
            assertTrue(pings.get() >= 2, "one failed write may be a disconnect notice still on its way: " + pings.get());
        }
        assertTrue(link.dead.get(0).contains("Broken pipe"), link.dead.toString());
    }

    @Test
    void aPingThatCannotBeWrittenWhileTheLibraryReconnectsLeavesItToTheLibrary() throws Exception {
        OpenLink link = new OpenLink();
        AtomicInteger pings = new AtomicInteger();
        try (LinkWatchdog w = new LinkWatchdog(link, brokenSocket(ManagerConnectionState.RECONNECTING, pings), () -> { },
                100, Duration.ofMillis(5), NEVER, Executors.newSingleThreadScheduledExecutor(Threads.named("test-watchdog", true)))) {
            w.start();
            // Each Ping's failure is handled before the next one runs (one timer thread).
            assertTrue(AmiRig.eventually(WAIT, () -> pings.get() >= 3), "pings: " + pings.get());
        }
        assertEquals(List.of(), link.dead);
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
