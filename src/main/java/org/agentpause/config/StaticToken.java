package org.agentpause.config;

/**
 * A static API token from {@code http.tokens}: its label is logged as the actor, its secret never.
 *
 * @param label  name used in logs, e.g. {@code crm}
 * @param secret the token itself
 */
public record StaticToken(String label, String secret) {
    @Override
    public String toString() {
        return "StaticToken[" + label + ", secret=****]";
    }
}
