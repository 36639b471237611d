package org.agentpause.pbx;

/**
 * The PBX could not be reached or did not answer in time. Usually nothing changed; when the
 * action was sent but never confirmed ({@link #unconfirmed}), the PBX may have applied it anyway.
 */
public class PbxUnavailableException extends Exception {

    private final boolean mayHaveApplied;

    public PbxUnavailableException(String message) {
        this(message, null, false);
    }

    public PbxUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private PbxUnavailableException(String message, Throwable cause, boolean mayHaveApplied) {
        super(message, cause);
        this.mayHaveApplied = mayHaveApplied;
    }

    /**
     * The action reached the PBX but no answer came (timeout, connection lost after sending):
     * Asterisk may still apply it, so nobody may be told it was not applied.
     */
    public static PbxUnavailableException unconfirmed(String message, Throwable cause) {
        return new PbxUnavailableException(message, cause, true);
    }

    /** True when the PBX may have applied the action despite this failure. */
    public boolean mayHaveApplied() {
        return mayHaveApplied;
    }
}
