package org.agentpause.config;

import java.util.List;
import java.util.Map;

/**
 * Settings of the FastAGI door ({@code agi.*}) and the reason catalogue ({@code reasons.<code>}).
 *
 * @param enabled       whether the FastAGI server starts
 * @param bind          address to listen on
 * @param port          TCP port
 * @param allow         CIDRs allowed to connect; others are refused before any script runs
 * @param readTimeoutMs a silent Asterisk connection is dropped after this
 * @param threads       FastAGI worker threads
 * @param trustCallerId whether caller ID may identify the agent (off: a phone can forge it)
 * @param reasons       reason code → label, e.g. {@code 1 → lunch}
 */
public record AgiSettings(boolean enabled, String bind, int port, List<String> allow, int readTimeoutMs,
                          int threads, boolean trustCallerId, Map<String, String> reasons) {

    static AgiSettings load(ConfigSource c) throws ConfigException {
        return new AgiSettings(
                c.bool("agi.enabled", true),
                c.bindAddress("agi.bind", "127.0.0.1"),
                c.integer("agi.port", 4573, 0, 65535, "TCP port"),
                List.copyOf(c.list("agi.allow", "127.0.0.0/8,::1/128")),
                c.integer("agi.read-timeout-ms", 10000, 100, 600000, "milliseconds"),
                c.integer("agi.threads", 16, 1, 512, "threads"),
                c.bool("agi.trust-callerid", false),
                Map.copyOf(c.withPrefix("reasons.")));
    }
}
