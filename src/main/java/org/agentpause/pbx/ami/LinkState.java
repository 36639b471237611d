package org.agentpause.pbx.ami;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI link's state machine (connecting, loading, up, down, closed) and the operator-facing
 * reason for it; every transition is logged once here, and {@link #awaitSettled} waits on it.
 */
final class LinkState {

    private static final Logger log = LoggerFactory.getLogger(LinkState.class);

    private enum Phase { CONNECTING, LOADING, UP, DOWN, CLOSED }

    private final String where;
    private Phase phase = Phase.CONNECTING;
    private String detail;
    /** Bumped on every login and loss, so a load started for an older session cannot report up. */
    private long session;
    private int loginFailures;
    /** Whether a load failed since the last login (start() then stops waiting). */
    private boolean loadFailed;

    /** @param where {@code host:port}, for messages */
    LinkState(String where) {
        this.where = where;
        this.detail = "connecting to AMI at " + where;
    }

    /** Waits until the link is up or the first login attempt has failed; returns whether it is up. */
    synchronized boolean awaitSettled(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (phase != Phase.UP && phase != Phase.CLOSED && !(phase == Phase.CONNECTING && loginFailures > 0)
                && !(phase == Phase.LOADING && loadFailed)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return phase == Phase.UP;
    }

    /** A first login failed; returns the wait before the next try, or -1 when no retry is due (connected or closed). */
    synchronized long loginFailed(String failure) {
        if (phase != Phase.CONNECTING) {
            return -1;
        }
        loginFailures++;
        long delay = FirstLogin.backoffMs(loginFailures);
        if (!failure.equals(detail) || loginFailures == 1) {
            log.error("{}; retrying in {} ms and then with backoff", failure, delay);
        }
        detail = failure;
        notifyAll();
        return delay;
    }

    /** A login succeeded (first or after a reconnect): loading starts; false once closed. */
    synchronized boolean connected() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        session++;
        phase = Phase.LOADING;
        loadFailed = false;
        detail = "logged in to AMI at " + where + "; loading queue membership";
        log.info("{}", detail);
        notifyAll();
        return true;
    }

    /** The connection is gone (or unusable); asterisk-java reconnects. */
    synchronized void down(String why) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (phase == Phase.CONNECTING) {
            // Our own login loop owns this phase and retries; the library will not reconnect a
            // session it never had (or that we logged off), so DOWN would end the retries.
            log.debug("ignored while logging in: {}", why);
            return;
        }
        session++;
        phase = Phase.DOWN;
        detail = why;
        log.warn("{}", detail);
        notifyAll();
    }

    /**
     * The session is dead although the library still calls it connected (its disconnect notice
     * was lost): back to connecting, so our own login loop takes over; false once closed.
     */
    synchronized boolean relogin(String why) {
        if (phase == Phase.CLOSED) {
            return false;
        }
        session++;
        phase = Phase.CONNECTING;
        loginFailures = 0;
        detail = why;
        log.warn("{}", detail);
        notifyAll();
        return true;
    }

    /** The session a load may start for now, or -1 when no load is wanted (not logged in). */
    synchronized long sessionToLoad() {
        return phase == Phase.LOADING || phase == Phase.UP ? session : -1;
    }

    /**
     * A load for {@code loadedIn} finished: runs {@code swap} and reports up, unless that session
     * is gone meanwhile (the new one reloads itself); returns whether it swapped.
     */
    synchronized boolean loaded(long loadedIn, MembershipView fresh, long tookMs, Runnable swap) {
        if (loadedIn != session) {
            return false;
        }
        swap.run();
        if (phase == Phase.LOADING) {
            phase = Phase.UP;
            detail = "connected to AMI at " + where;
            log.info("AMI up: {} queues, {} memberships loaded in {} ms", fresh.queueNames().size(), fresh.size(), tookMs);
            notifyAll();
        } else {
            log.debug("membership reloaded: {} memberships in {} ms", fresh.size(), tookMs);
        }
        return true;
    }

    /** A load failed; returns whether to retry soon (still loading after a login) rather than wait for the next trigger. */
    synchronized boolean loadFailed(String why) {
        if (phase == Phase.CLOSED) {
            return false;
        }
        if (phase != Phase.LOADING) {
            // Up on the previous view: the next Reload event or resync tries again.
            log.warn("reloading queue membership failed (keeping the previous view): {}", why);
            return false;
        }
        log.warn("loading queue membership failed (retrying in 1 s): {}", why);
        detail = "logged in to AMI at " + where + " but loading queue membership failed: " + why;
        loadFailed = true;
        notifyAll();
        return true;
    }

    synchronized boolean sessionOpen() {
        return phase == Phase.UP || phase == Phase.LOADING;
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

    synchronized BackendHealth health(int memberships) {
        return phase == Phase.UP ? BackendHealth.up(detail + ", " + memberships + " memberships")
                : BackendHealth.down(detail);
    }

    /** Closes for good; returns false when it already was. */
    synchronized boolean close() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.CLOSED;
        detail = "AMI backend closed";
        notifyAll();
        return true;
    }
}
