package org.agentpause.pbx;

import java.util.List;

/**
 * The port between the pause core and a PBX: a live membership view plus the one write we need.
 *
 * <p>Implementations are thread-safe. {@link #setPaused} may block (up to the backend's own
 * timeout), so it is only called from worker threads, never from a network event loop.
 */
public interface QueueBackend extends AutoCloseable {

    /** Starts the backend (connects, loads membership). Returns once it can serve or has failed. */
    void start() throws PbxUnavailableException;

    /** The current membership view; reading it costs no PBX round trip. */
    MembershipView view();

    /**
     * Pauses or unpauses one interface, like AMI {@code QueuePause}.
     *
     * @param iface  member interface, e.g. {@code PJSIP/808} (matched case-insensitively)
     * @param queue  one queue, or {@code null} for every queue the interface is in
     * @param paused true to pause, false to unpause
     * @param reason pause reason, empty for none
     * @return the queues changed, in the configured spelling; empty when Asterisk would answer
     *         {@code Interface not found}. Never a placeholder: a backend that knows the change was
     *         made but cannot name its queues throws instead (see below)
     * @throws PbxUnavailableException when the PBX cannot be reached or did not answer in time; with
     *         {@link PbxUnavailableException#maybeApplied()} true when the action was sent and may
     *         (or is known to) have changed queues that cannot be named
     */
    List<String> setPaused(String iface, String queue, boolean paused, String reason)
            throws PbxUnavailableException;

    /** Whether the backend can serve requests right now. */
    BackendHealth health();

    /** Releases connections and threads; idempotent. */
    @Override
    void close();
}
