package org.agentpause.pbx;

/** The PBX could not be reached or did not answer in time; nothing is known to have changed. */
public class PbxUnavailableException extends Exception {
    public PbxUnavailableException(String message) {
        super(message);
    }

    public PbxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
