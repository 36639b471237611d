package org.agentpause.pbx.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI link's timers: a {@code Ping} to catch half-open connections and a periodic resync,
 * because a {@code queue reload} announces nothing. A run that throws is logged and the schedule
 * goes on: a {@link ScheduledExecutorService} would otherwise cancel every later run silently.
 */
final class LinkWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinkWatchdog.class);

    /** What the watchdog needs from the link it guards. */
    interface Link {
        /** Whether a session is logged in, so a Ping can be answered. */
        boolean sessionOpen();

        /** Whether the link is up (loaded and serving). */
        boolean isUp();

        /** The peer stopped answering; the link is about to drop the socket. */
        void markDown(String why);

        /** Queues a full membership reload. */
        void requestReload();

        /** The socket is broken while the library still calls the session connected: log in again. */
        void sessionDead(String why);
    }

    private final Link link;
    private final ManagerConnection connection;
    private final Runnable dropSocket;
    private final long timeoutMs;
    private final Duration pingEvery;
    private final Duration resyncEvery;
    private final ScheduledExecutorService timer;
    /** Consecutive Pings that could not be written while the library said connected (timer thread only). */
    private int brokenPings;

    /**
     * @param dropSocket  closes the socket under the reader, so the library reconnects
     * @param resyncEvery {@link Duration#ZERO} for never
     * @param timer       runs the checks; shut down by {@link #close}
     */
    LinkWatchdog(Link link, ManagerConnection connection, Runnable dropSocket, long timeoutMs,
                 Duration pingEvery, Duration resyncEvery, ScheduledExecutorService timer) {
        this.link = link;
        this.connection = connection;
        this.dropSocket = dropSocket;
        this.timeoutMs = timeoutMs;
        this.pingEvery = pingEvery;
        this.resyncEvery = resyncEvery;
        this.timer = timer;
    }

    /** Schedules the ping and (unless off) the resync. */
    void start() {
        long ping = pingEvery.toMillis();
        timer.scheduleWithFixedDelay(guarded("AMI ping", this::ping), ping, ping, TimeUnit.MILLISECONDS);
        if (!resyncEvery.isZero()) {
            long resync = resyncEvery.toMillis();
            timer.scheduleWithFixedDelay(guarded("AMI resync", this::resync), resync, resync, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops both schedules; idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The body, with anything unexpected logged instead of ending its schedule. */
    static Runnable guarded(String what, Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                log.error("{} failed unexpectedly; it runs again on schedule", what, e);
            }
        };
    }

    private void resync() {
        if (link.isUp()) {
            link.requestReload();
        }
    }

    /** A Ping with the action timeout; no answer means a half-open connection, so drop it and reconnect. */
    private void ping() {
        if (!link.sessionOpen()) {
            return;
        }
        try {
            ManagerResponse pong = connection.sendAction(new PingAction(), timeoutMs);
            brokenPings = 0;
            if (pong == null) {
                log.debug("Ping got no answer: disconnected meanwhile, the DisconnectEvent says so");
            }
        } catch (TimeoutException e) {
            link.markDown("AMI did not answer Ping within " + timeoutMs + " ms; reconnecting");
            dropSocket.run();
        } catch (IOException e) {
            // Writing failed, yet no disconnect was noticed. Usually the notice is merely on its
            // way; if the next Ping finds the same, it was lost and nothing else would recover.
            boolean libraryConnected = connection.getState() == ManagerConnectionState.CONNECTED;
            brokenPings = libraryConnected ? brokenPings + 1 : 0;
            if (brokenPings >= 2) {
                brokenPings = 0;
                link.sessionDead("AMI connection broken (" + e.getMessage()
                        + ") while asterisk-java still reports it connected; logging in again");
            } else {
                log.debug("Ping not sent ({} in a row while the library says connected): {}", brokenPings,
                        e.getMessage());
            }
        } catch (IllegalStateException e) {
            log.debug("Ping not sent: {}", e.getMessage());
        }
    }
}
