package org.agentpause.config;

/** A setting is missing or wrong; the message names the key, the value's source and the fix. */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
