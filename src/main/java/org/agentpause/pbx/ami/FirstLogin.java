package org.agentpause.pbx.ami;

import java.io.IOException;
import org.agentpause.config.AmiSettings;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.TimeoutException;

/**
 * The first login, which asterisk-java does not retry (it only reconnects a session it once had):
 * one attempt, turned into a message an operator can act on, and the backoff before the next.
 */
final class FirstLogin {

    private static final long FIRST_DELAY_MS = 500;
    private static final long MAX_DELAY_MS = 30_000;

    private final AmiSettings settings;
    private final LeanManagerConnection connection;
    private final String where;

    FirstLogin(AmiSettings settings, LeanManagerConnection connection) {
        this.settings = settings;
        this.connection = connection;
        this.where = settings.host() + ":" + settings.port();
    }

    /**
     * Tries once. Returns null when logged in (or when another login won the race), else why not;
     * the message names the user and address, never the secret.
     */
    String attempt() {
        try {
            connection.login(AmiLink.EVENT_MASK);
            return null; // the ConnectEvent fired inside login() has started the load
        } catch (AuthenticationFailedException e) {
            return "AMI login refused for user '" + settings.username() + "' at " + where + ": " + e.getMessage()
                    + " (check ami.username, ami.secret and the user's permit/deny in manager.conf)";
        } catch (TimeoutException e) {
            return "no AMI greeting from " + where + " within " + settings.timeoutMs() + " ms";
        } catch (IOException e) {
            return "cannot reach AMI at " + where + ": " + e.getMessage();
        } catch (IllegalStateException e) {
            return null; // already connected, or closing
        }
    }

    /** Wait before attempt {@code n + 1} after {@code n} failures: 0.5 s doubling up to 30 s. */
    static long backoffMs(int failures) {
        return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS << Math.min(Math.max(failures - 1, 0), 10));
    }
}
