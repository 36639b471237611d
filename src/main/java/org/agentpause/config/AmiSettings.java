package org.agentpause.config;

/**
 * Settings of the AMI backend ({@code ami.*}); read always, used when {@code pbx.backend=ami}.
 *
 * @param host      Asterisk's AMI address
 * @param port      AMI TCP port
 * @param username  AMI user from manager.conf
 * @param secret    that user's secret; never logged
 * @param timeoutMs how long one action may take before the request answers UNAVAILABLE
 * @param resyncS   the membership view is reloaded this often, since {@code queue reload} announces nothing
 * @param pingS     a Ping is sent this often to detect a half-open connection
 */
public record AmiSettings(String host, int port, String username, String secret, int timeoutMs,
                          int resyncS, int pingS) {

    static AmiSettings load(ConfigSource c, boolean required) throws ConfigException {
        AmiSettings s = new AmiSettings(
                c.string("ami.host", "127.0.0.1"),
                c.integer("ami.port", 5038, 1, 65535, "TCP port"),
                c.string("ami.username", ""),
                c.string("ami.secret", ""),
                c.integer("ami.timeout-ms", 3000, 50, 120000, "milliseconds"),
                c.integer("ami.resync-s", 300, 0, 86400, "seconds (0 = never)"),
                c.integer("ami.ping-s", 10, 1, 3600, "seconds"));
        if (required && (s.username.isEmpty() || s.secret.isEmpty())) {
            throw new ConfigException("pbx.backend=ami needs ami.username and ami.secret"
                    + " (an AMI user from manager.conf; see etc/manager.conf.sample)");
        }
        return s;
    }

    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + host + ":" + port + ", secret=****, timeoutMs=" + timeoutMs + "]";
    }
}
