package org.agentpause.pbx.ami;

import org.agentpause.config.AmiSettings;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;

/**
 * asterisk-java's connection without the version probe, plus a way to drop a half-open socket.
 *
 * <p>After every login the library asks for {@code CoreSettings} and then {@code core show version},
 * four times with 500 ms pauses. Our least-privilege AMI user ({@code write = agent}) may run
 * neither, so each (re)login would cost two seconds and log an error. We only send
 * {@code QueuePause}, {@code QueueStatus}, {@code QueueSummary} and {@code Ping}, whose wire form
 * is the same on every Asterisk we support, so the probe buys nothing.
 */
final class LeanManagerConnection extends ManagerConnectionImpl {

    /** A connection to the configured Asterisk, every wait bounded by {@code ami.timeout-ms}; not yet connected. */
    static LeanManagerConnection to(AmiSettings settings) {
        LeanManagerConnection c = new LeanManagerConnection();
        c.setHostname(settings.host());
        c.setPort(settings.port());
        c.setUsername(settings.username());
        c.setPassword(settings.secret());
        c.setDefaultResponseTimeout(settings.timeoutMs());
        c.setDefaultEventTimeout(settings.timeoutMs());
        c.setSocketTimeout(settings.timeoutMs()); // TCP connect timeout
        return c;
    }

    @Override
    protected AsteriskVersion determineVersion() {
        return AsteriskVersion.DEFAULT_VERSION;
    }

    /**
     * Closes the socket under the reader, as a dead peer would; the library then reports a
     * disconnect and starts reconnecting. Used when a Ping goes unanswered (half-open TCP).
     */
    void dropSocket() {
        disconnect();
    }
}
