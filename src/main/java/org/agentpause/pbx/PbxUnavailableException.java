package org.agentpause.pbx;

/**
 * The PBX could not be reached or did not answer in time. {@link #maybeApplied()} tells whether
 * the action had already left us: then the PBX may have acted on it, and nobody may claim otherwise.
 */
public class PbxUnavailableException extends Exception {

    private final boolean maybeApplied;

    /** The action was never sent: nothing changed. */
    public PbxUnavailableException(String message) {
        this(message, null, false);
    }

    /** The action was never sent: nothing changed. */
    public PbxUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param maybeApplied true when the action was sent but its answer never came
     */
    public PbxUnavailableException(String message, Throwable cause, boolean maybeApplied) {
        super(message, cause);
        this.maybeApplied = maybeApplied;
    }

    /** True when the action was sent but not confirmed, so the PBX may have applied it. */
    public boolean maybeApplied() {
        return maybeApplied;
    }
}
