package org.agentpause.pbx.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agentpause.Threads;
import org.agentpause.config.AmiSettings;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the AMI session usable: retries the first login with backoff (asterisk-java only
 * reconnects after a session it once had), reloads the view after every login before reporting
 * up, pings to catch half-open connections, and resyncs periodically because a {@code queue
 * reload} announces nothing. Blocking work runs on {@code ami-link} or {@code ami-view}, never on
 * asterisk-java's dispatch thread.
 */
final class AmiLink implements AutoCloseable {

    /** What Asterisk should send us: queue events (agent) and {@code Reload} (system). */
    static final String EVENT_MASK = "agent,system";
    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

    private enum Phase { CONNECTING, LOADING, UP, DOWN, CLOSED }

    private final AmiSettings settings;
    private final LeanManagerConnection connection;
    private final LiveMembership live;
    private final MembershipLoader loader;
    private final FirstLogin firstLogin;
    private final String where;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Threads.named("ami-link", true));
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private Phase phase = Phase.CONNECTING;
    private String detail;
    /** Bumped on every login and loss, so a load started for an older session cannot report up. */
    private long session;
    private int loginAttempts;
    /** Whether a load failed since the last login (start() then stops waiting). */
    private boolean loadFailed;

    AmiLink(AmiSettings settings, LeanManagerConnection connection, LiveMembership live) {
        this.settings = settings;
        this.connection = connection;
        this.live = live;
        this.loader = new MembershipLoader(connection, settings.timeoutMs());
        this.firstLogin = new FirstLogin(settings, connection);
        this.where = settings.host() + ":" + settings.port();
        this.detail = "connecting to AMI at " + where;
    }

    /** Starts logging in (in the background) and the ping and resync timers. */
    void start() {
        timer.execute(this::tryLogin);
        timer.scheduleWithFixedDelay(this::ping, settings.pingS(), settings.pingS(), TimeUnit.SECONDS);
        if (settings.resyncS() > 0) {
            timer.scheduleWithFixedDelay(this::resync, settings.resyncS(), settings.resyncS(), TimeUnit.SECONDS);
        }
    }

    /** Waits until the link is up or the first login attempt has failed; returns whether it is up. */
    synchronized boolean awaitSettled(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (phase != Phase.UP && phase != Phase.CLOSED && !(phase == Phase.CONNECTING && loginAttempts > 0)
                && !(phase == Phase.LOADING && loadFailed)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return phase == Phase.UP;
    }

    private void tryLogin() {
        String failure = firstLogin.attempt();
        if (failure == null) {
            return;
        }
        long delay;
        synchronized (this) {
            if (phase != Phase.CONNECTING) {
                return;
            }
            loginAttempts++;
            delay = FirstLogin.backoffMs(loginAttempts);
            if (!failure.equals(detail) || loginAttempts == 1) {
                log.error("{}; retrying in {} ms and then with backoff", failure, delay);
            }
            detail = failure;
            notifyAll();
        }
        later(this::tryLogin, delay);
    }

    /** Runs a task on {@code ami-link} after a delay, unless the link has been closed meanwhile. */
    private void later(Runnable task, long delayMs) {
        try {
            timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("not scheduled, the AMI link is closed: {}", e.getMessage());
        }
    }

    /** Called (via the event router) when a login succeeded, first or after a reconnect. */
    synchronized void onConnected() {
        if (phase == Phase.CLOSED) {
            return;
        }
        session++;
        phase = Phase.LOADING;
        loadFailed = false;
        detail = "logged in to AMI at " + where + "; loading queue membership";
        log.info("{}", detail);
        notifyAll();
        requestReload();
    }

    /** Called (via the event router) when the connection was lost; asterisk-java is reconnecting. */
    void onDisconnected() {
        if (connection.getState() == ManagerConnectionState.CONNECTED) {
            // The library starts reconnecting before it tells listeners; if that already
            // succeeded, this event is stale and the ConnectEvent has started a reload.
            return;
        }
        markDown("AMI connection to " + where + " lost; reconnecting");
    }

    private synchronized void markDown(String why) {
        if (phase == Phase.CLOSED) {
            return;
        }
        session++;
        phase = Phase.DOWN;
        detail = why;
        log.warn("{}", detail);
        notifyAll();
    }

    /** Queues one full reload unless one is already waiting; cheap to call often. */
    void requestReload() {
        if (reloadQueued.compareAndSet(false, true)) {
            live.submit(this::reload);
        }
    }

    /** Runs on {@code ami-view}: load a fresh view, swap it in whole, and report up if this session wanted it. */
    private void reload() {
        reloadQueued.set(false);
        long startedIn;
        synchronized (this) {
            if (phase != Phase.LOADING && phase != Phase.UP) {
                return;
            }
            startedIn = session;
        }
        long started = System.nanoTime();
        try {
            MembershipView fresh = loader.load();
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            synchronized (this) {
                if (startedIn != session) {
                    return; // the session it was loaded from is gone; the new one reloads itself
                }
                live.swap(fresh);
                if (phase == Phase.LOADING) {
                    phase = Phase.UP;
                    detail = "connected to AMI at " + where;
                    log.info("AMI up: {} queues, {} memberships loaded in {} ms", fresh.queueNames().size(),
                            fresh.size(), tookMs);
                    notifyAll();
                } else {
                    log.debug("membership reloaded: {} memberships in {} ms", fresh.size(), tookMs);
                }
            }
        } catch (PbxUnavailableException e) {
            synchronized (this) {
                if (phase == Phase.CLOSED) {
                    return;
                }
                if (phase != Phase.LOADING) {
                    // Up on the previous view: the next Reload event or resync tries again.
                    log.warn("reloading queue membership failed (keeping the previous view): {}", e.getMessage());
                    return;
                }
                log.warn("loading queue membership failed (retrying in 1 s): {}", e.getMessage());
                detail = "logged in to AMI at " + where + " but loading queue membership failed: " + e.getMessage();
                loadFailed = true;
                notifyAll();
            }
            later(this::requestReload, 1000);
        }
    }

    private void resync() {
        if (isUp()) {
            requestReload();
        }
    }

    /** A Ping with the action timeout; no answer means a half-open connection, so drop it and reconnect. */
    private void ping() {
        synchronized (this) {
            if (phase != Phase.UP && phase != Phase.LOADING) {
                return;
            }
        }
        try {
            ManagerResponse pong = connection.sendAction(new PingAction(), settings.timeoutMs());
            if (pong == null) {
                return; // disconnected meanwhile; the DisconnectEvent says so
            }
        } catch (TimeoutException e) {
            markDown("AMI did not answer Ping within " + settings.timeoutMs() + " ms; reconnecting");
            connection.dropSocket();
        } catch (IOException | IllegalStateException e) {
            log.debug("Ping not sent: {}", e.getMessage());
        }
    }

    synchronized boolean isUp() {
        return phase == Phase.UP;
    }

    /** Throws unless requests can be sent now. */
    synchronized void ensureUp() throws PbxUnavailableException {
        if (phase != Phase.UP) {
            throw new PbxUnavailableException(detail);
        }
    }

    synchronized BackendHealth health() {
        return phase == Phase.UP
                ? BackendHealth.up(detail + ", " + live.current().size() + " memberships")
                : BackendHealth.down(detail);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                return;
            }
            phase = Phase.CLOSED;
            detail = "AMI backend closed";
            notifyAll();
        }
        timer.shutdownNow();
        try {
            connection.logoff();
        } catch (IllegalStateException e) {
            log.debug("no AMI session to log off: {}", e.getMessage());
        }
    }
}
