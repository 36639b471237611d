package org.agentpause.pbx;

/**
 * Whether a backend can serve requests now, with a reason an operator can act on.
 *
 * @param up     true when pause requests can reach the PBX
 * @param detail short human-readable state, e.g. {@code connected} or {@code AMI login failed: ...}
 */
public record BackendHealth(boolean up, String detail) {
    public static BackendHealth up(String detail) {
        return new BackendHealth(true, detail);
    }

    public static BackendHealth down(String detail) {
        return new BackendHealth(false, detail);
    }
}
