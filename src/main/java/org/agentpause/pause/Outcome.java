package org.agentpause.pause;

/**
 * The shared result semantics of both doors: each outcome knows its HTTP status, its JSON
 * message and the value the dialplan sees in {@code AGENTPAUSE_STATUS}. This is the one place
 * where outcomes map to HTTP.
 */
public enum Outcome {
    /** The first three messages are Asterisk's own AMI replies to QueuePause, word for word. */
    PAUSED(200, "Interface paused successfully", "PAUSED"),
    UNPAUSED(200, "Interface unpaused successfully", "UNPAUSED"),
    NOT_FOUND(404, "Interface not found", "NOTFOUND"),
    /** The message names the field and why; this default is never sent alone. */
    INVALID(400, "Invalid request", "INVALID"),
    UNAVAILABLE(503, "PBX unavailable: the pause was not applied", "UNAVAILABLE"),
    /** An unexpected fault in agent-pause itself; logged with its stack trace, never sent. */
    ERROR(500, "Internal error: the pause state is unknown, check the logs", "ERROR");

    private final int httpStatus;
    private final String message;
    private final String dialplanValue;

    Outcome(int httpStatus, String message, String dialplanValue) {
        this.httpStatus = httpStatus;
        this.message = message;
        this.dialplanValue = dialplanValue;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }

    public String dialplanValue() {
        return dialplanValue;
    }

    /** True for outcomes a client should read as success. */
    public boolean success() {
        return httpStatus == 200;
    }
}
