package org.agentpause.pbx.ami;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the AMI session usable: retries the first login with backoff (asterisk-java only
 * reconnects after a session it once had) and reloads the view after every login before reporting
 * up ({@link LinkState} holds the state, {@link LinkWatchdog} pings and resyncs). Blocking work
 * runs on {@code ami-link} or {@code ami-view}, never on asterisk-java's dispatch thread.
 */
final class AmiLink implements LinkWatchdog.Link, AutoCloseable {

    /** What Asterisk should send us: queue events (agent) and {@code Reload} (system). */
    static final String EVENT_MASK = "agent,system";
    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

    private final LeanManagerConnection connection;
    private final LiveMembership live;
    private final MembershipLoader loader;
    private final FirstLogin firstLogin;
    private final String where;
    private final LinkState state;
    private final ReloadRequests reloads;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Threads.named("ami-link", true));
    /** Set from a {@link #sessionDead} log-off until the login after it is started. */
    private final AtomicBoolean reloginPending = new AtomicBoolean();
    private final long reloginFallbackMs;

    AmiLink(AmiSettings settings, LeanManagerConnection connection, LiveMembership live) {
        this.connection = connection;
        this.live = live;
        this.loader = new MembershipLoader(connection, settings.timeoutMs());
        this.firstLogin = new FirstLogin(settings, connection);
        this.where = settings.host() + ":" + settings.port();
        this.state = new LinkState(where);
        this.reloads = new ReloadRequests(live, this::reload);
        this.reloginFallbackMs = settings.timeoutMs();
    }

    /** Starts logging in, in the background. */
    void start() {
        timer.execute(this::tryLogin);
    }

    /** Waits until the link is up or the first login attempt has failed; returns whether it is up. */
    boolean awaitSettled(Duration max) throws InterruptedException {
        return state.awaitSettled(max);
    }

    private void tryLogin() {
        String failure = firstLogin.attempt();
        if (failure == null) {
            return;
        }
        long delay = state.loginFailed(failure);
        if (delay >= 0) {
            later(this::tryLogin, delay);
        }
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
    void onConnected() {
        if (state.connected()) {
            requestReload();
        }
    }

    /** Called (via the event router) when the connection was lost; asterisk-java is reconnecting. */
    void onDisconnected() {
        if (reloginPending.get()) {
            // The session we logged off has said goodbye (the library handles the notice before
            // telling listeners): a login now can no longer be torn down by it.
            loginAfterLogoff();
            return;
        }
        if (connection.getState() == ManagerConnectionState.CONNECTED) {
            // The library starts reconnecting before it tells listeners; if that already
            // succeeded, this event is stale and the ConnectEvent has started a reload.
            return;
        }
        // asterisk-java retries in the background (every 5 s after ten quick tries) and logs each
        // refused login itself; this detail is what /healthz shows meanwhile.
        markDown("AMI connection to " + where + " lost; reconnecting (if it persists: is Asterisk up, and do"
                + " ami.username/ami.secret still match manager.conf? the log shows each failed login)");
    }

    @Override
    public void markDown(String why) {
        state.down(why);
    }

    /**
     * The socket is broken but the library never noticed (its disconnect notice shares the event
     * queue that drops entries when full, so it will not reconnect): log off and log in ourselves.
     */
    @Override
    public void sessionDead(String why) {
        if (!state.relogin(why)) {
            return;
        }
        reloginPending.set(true);
        try {
            timer.execute(() -> {
                try {
                    connection.logoff();
                } catch (IllegalStateException e) {
                    log.debug("no AMI session to log off before logging in again: {}", e.getMessage());
                }
                // The old reader may still deliver its disconnect notice, and the library would
                // tear down a session logged in before it (it checks only for CONNECTED). So log
                // in when the notice comes, or after the action timeout if it never does.
                later(this::loginAfterLogoff, reloginFallbackMs);
            });
        } catch (RejectedExecutionException e) {
            log.debug("not logging in again, the AMI link is closed: {}", e.getMessage());
        }
    }

    private void loginAfterLogoff() {
        if (reloginPending.compareAndSet(true, false)) {
            try {
                timer.execute(this::tryLogin);
            } catch (RejectedExecutionException e) {
                log.debug("not logging in again, the AMI link is closed: {}", e.getMessage());
            }
        }
    }

    /** Queues one full reload unless one is already waiting; cheap to call often. */
    @Override
    public void requestReload() {
        reloads.request();
    }

    /** Like {@link #requestReload}; the future completes once a reload started after this call has ended. */
    CompletableFuture<Void> requestReloadTracked() {
        return reloads.requestTracked();
    }

    /** Runs on {@code ami-view}: load a fresh view, swap it in whole, and report up if this session wanted it. */
    private void reload() {
        long startedIn = state.sessionToLoad();
        if (startedIn < 0) {
            return;
        }
        long started = System.nanoTime();
        try {
            MembershipView fresh = loader.load();
            state.loaded(startedIn, fresh, (System.nanoTime() - started) / 1_000_000, () -> live.swap(fresh));
        } catch (PbxUnavailableException e) {
            loadFailed(e.getMessage());
        } catch (RuntimeException e) {
            // Thrown on ami-view it would only reach the default handler, and a first load would never retry.
            log.error("loading queue membership failed unexpectedly", e);
            loadFailed(e.toString());
        }
    }

    private void loadFailed(String why) {
        if (state.loadFailed(why)) {
            later(this::requestReload, 1000);
        }
    }

    @Override
    public boolean sessionOpen() {
        return state.sessionOpen();
    }

    @Override
    public boolean isUp() {
        return state.isUp();
    }

    /** Throws unless requests can be sent now. */
    void ensureUp() throws PbxUnavailableException {
        state.ensureUp();
        String notConnected = libraryNotConnected();
        if (notConnected != null) {
            // The library has seen the connection go (it handles the notice before telling us):
            // an action sent now would fail without reaching Asterisk, so say why at once.
            throw new PbxUnavailableException(notConnected);
        }
    }

    BackendHealth health() {
        BackendHealth h = state.health(live.current().size());
        String notConnected = h.up() ? libraryNotConnected() : null;
        return notConnected != null ? BackendHealth.down(notConnected) : h;
    }

    /** Why asterisk-java's own connection cannot carry an action now, or null when it can (one read of its state). */
    private String libraryNotConnected() {
        ManagerConnectionState s = connection.getState();
        return s == ManagerConnectionState.CONNECTED ? null
                : "AMI connection to " + where + " is " + s.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        if (!state.close()) {
            return;
        }
        timer.shutdownNow();
        try {
            connection.logoff();
        } catch (IllegalStateException e) {
            log.debug("no AMI session to log off: {}", e.getMessage());
        }
    }
}
