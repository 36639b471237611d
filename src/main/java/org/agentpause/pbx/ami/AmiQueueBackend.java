package org.agentpause.pbx.ami;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.agentpause.Threads;
import org.agentpause.config.AmiSettings;
import org.agentpause.pbx.BackendHealth;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.QueueMember;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real backend: Asterisk's Manager Interface through asterisk-java. Pauses with
 * {@code QueuePause}; answers reads from a live membership view kept current by queue events.
 *
 * <p>{@link #setPaused} blocks for at most {@code ami.timeout-ms} (twice that when Asterisk paused an
 * interface our view lacks and the reload must name its queues) and is called from worker threads only. While the link is down it fails at once with {@link PbxUnavailableException}.
 */
public final class AmiQueueBackend implements QueueBackend {

    /** Asterisk's own wording when no member matched (also for an unknown queue). */
    static final String NOT_FOUND = "Interface not found";
    private static final Logger log = LoggerFactory.getLogger(AmiQueueBackend.class);

    private final AmiSettings settings;
    private final LeanManagerConnection connection;
    private final LiveMembership live = new LiveMembership();
    private final AmiLink link;
    private final LinkWatchdog watchdog;
    private final LongSupplier epochSeconds;

    /** A backend for the configured Asterisk; nothing connects until {@link #start}. */
    public AmiQueueBackend(AmiSettings settings) {
        this(settings, () -> System.currentTimeMillis() / 1000);
    }

    AmiQueueBackend(AmiSettings settings, LongSupplier epochSeconds) {
        this.settings = settings;
        this.epochSeconds = epochSeconds;
        this.connection = LeanManagerConnection.to(settings);
        this.link = new AmiLink(settings, connection, live);
        this.watchdog = new LinkWatchdog(link, connection, connection::dropSocket, settings.timeoutMs(),
                Duration.ofSeconds(settings.pingS()), Duration.ofSeconds(settings.resyncS()),
                Executors.newSingleThreadScheduledExecutor(Threads.named("ami-watchdog", true)));
        connection.addEventListener(new AmiEventRouter(live, link, epochSeconds));
    }

    /**
     * Logs in and loads the membership view, waiting a few action timeouts at most. A failure
     * (Asterisk down, wrong credentials) is logged and shown by {@link #health()}; login is
     * retried with backoff in the background, so the server still starts and answers 503.
     */
    @Override
    public void start() {
        link.start();
        watchdog.start();
        try {
            if (!link.awaitSettled(Duration.ofMillis(4L * settings.timeoutMs()))) {
                log.warn("AMI backend not ready yet: {}", link.health().detail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public MembershipView view() {
        return live.current();
    }

    @Override
    public List<String> setPaused(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException {
        QueuePauseAction action = pauseAction(iface, queue, paused, reason);
        link.ensureUp();
        // The states we act on: the optimistic update below may only replace these very instances.
        Map<String, QueueMember> before = live.current().membershipsOf(iface);
        ManagerResponse response;
        try {
            response = connection.sendAction(action, settings.timeoutMs());
        } catch (TimeoutException e) {
            // Sent, so Asterisk may have acted on it: reload the view to learn the truth.
            link.requestReload();
            throw new PbxUnavailableException("no answer to QueuePause within " + settings.timeoutMs()
                    + " ms (connection lost or Asterisk overloaded)", e, true);
        } catch (IOException | IllegalStateException e) {
            throw new PbxUnavailableException("QueuePause not sent: " + e.getMessage(), e);
        }
        if (response == null) {
            link.requestReload();
            throw new PbxUnavailableException("no answer to QueuePause (connection lost or interrupted)",
                    null, true);
        }
        if (response instanceof ManagerError) {
            if (NOT_FOUND.equalsIgnoreCase(String.valueOf(response.getMessage()).strip())) {
                if (queue == null ? !before.isEmpty() : before.containsKey(queue)) {
                    // Our view holds a membership Asterisk just denied (a silent `queue reload`
                    // removed it): reload, so reads and toggles stop showing it before the resync.
                    link.requestReload();
                }
                return List.of();
            }
            throw new PbxUnavailableException("Asterisk refused QueuePause: " + response.getMessage());
        }
        return recordSuccess(iface, queue, before, paused, reason);
    }

    /**
     * The action exactly as a careful admin would type it: {@code Paused} is {@code true} or
     * {@code false}, {@code Queue} only for one queue, {@code Reason} only when there is one.
     */
    static QueuePauseAction pauseAction(String iface, String queue, boolean paused, String reason) {
        QueuePauseAction action = new QueuePauseAction();
        action.setInterface(HeaderValues.checked("Interface", iface));
        if (queue != null) {
            action.setQueue(HeaderValues.checked("Queue", queue));
        }
        action.setPaused(paused);
        if (reason != null && !reason.isEmpty()) {
            action.setReason(HeaderValues.checked("Reason", reason));
        }
        return action;
    }

    /**
     * Applies a confirmed pause to the view at once, so an immediate toggle reads the new state;
     * the {@code QueueMemberPause} events that follow confirm it. Only a membership still holding
     * the instance seen before sending is replaced: an event (or a reload) applied meanwhile on
     * {@code ami-view} is newer than our optimistic guess and wins.
     */
    private List<String> recordSuccess(String iface, String queue, Map<String, QueueMember> before,
                                       boolean paused, String reason) throws PbxUnavailableException {
        if (queue == null && before.isEmpty()) {
            return learnQueues(iface);
        }
        MembershipView view = live.current();
        long now = epochSeconds.getAsLong();
        String kept = reason == null ? "" : reason;
        List<String> queues = queue != null ? List.of(queue) : new ArrayList<>(before.keySet());
        for (String q : queues) {
            QueueMember seen = before.get(q);
            if (seen == null) {
                // Asterisk knows a membership our view lacks (a silent `queue reload`): resync.
                link.requestReload();
            } else {
                view.replaceIf(seen, seen.withPause(paused, kept, now));
            }
        }
        return queues;
    }

    /**
     * Asterisk paused an interface in every queue it is in, but our view knew of none (a silent
     * {@code queue reload} added it): reload and report the queues the fresh view shows. If they
     * cannot be learned in time, say the change was made but not which queues, never a made-up name.
     */
    private List<String> learnQueues(String iface) throws PbxUnavailableException {
        try {
            link.requestReloadTracked().get(settings.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("reload to learn the queues of {} did not finish: {}", iface, e.toString());
        }
        List<String> queues = new ArrayList<>(live.current().membershipsOf(iface).keySet());
        if (queues.isEmpty()) {
            throw new PbxUnavailableException("Asterisk applied QueuePause to " + iface
                    + " but its queues could not be learned (membership reload did not finish)", null, true);
        }
        return queues;
    }

    @Override
    public BackendHealth health() {
        return link.health();
    }

    @Override
    public void close() {
        watchdog.close();
        link.close();
        live.close();
    }
}
