package org.agentpause.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the HTTP door ({@code http.*}).
 *
 * @param bind             address to listen on
 * @param port             TCP port (0 picks a free one, for tests)
 * @param tokens           static tokens
 * @param webkey           CooCenter WEBKEY for daily tokens, empty when off
 * @param maxBodyBytes     largest request body accepted
 * @param maxHeaderBytes   largest header block accepted (431 beyond)
 * @param workers          threads running the pause core for HTTP requests
 * @param queueCapacity    requests that may wait for a worker before 503
 * @param maxConnections   open connections allowed at once
 * @param idleTimeoutS     idle keep-alive connections are closed after this
 * @param requestTimeoutMs a request must arrive whole within this, or the connection is closed
 * @param tlsCert          PEM certificate chain, null for plain HTTP
 * @param tlsKey           PEM PKCS#8 private key, null for plain HTTP
 */
public record HttpSettings(String bind, int port, List<StaticToken> tokens, String webkey,
                           int maxBodyBytes, int maxHeaderBytes, int workers, int queueCapacity, int maxConnections,
                           int idleTimeoutS, int requestTimeoutMs, Path tlsCert, Path tlsKey) {

    static final int MIN_TOKEN_LENGTH = 16;

    static HttpSettings load(ConfigSource c) throws ConfigException {
        List<StaticToken> tokens = new ArrayList<>();
        List<String> raw = c.list("http.tokens", "");
        for (int i = 0; i < raw.size(); i++) {
            String item = raw.get(i);
            int colon = item.indexOf(':');
            String label = colon > 0 ? item.substring(0, colon) : "token" + (i + 1);
            String secret = colon > 0 ? item.substring(colon + 1) : item;
            if (secret.length() < MIN_TOKEN_LENGTH) {
                // Never echo the secret itself: name its position and label only.
                throw new ConfigException(c.fail("http.tokens", "entry " + (i + 1) + " ('" + label
                        + "') is shorter than " + MIN_TOKEN_LENGTH + " characters; use e.g. `openssl rand -hex 24`"));
            }
            tokens.add(new StaticToken(label, secret));
        }
        String cert = c.string("http.tls.cert", "");
        String key = c.string("http.tls.key", "");
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ConfigException("http.tls.cert and http.tls.key must be set together (PEM files)");
        }
        return new HttpSettings(
                c.bindAddress("http.bind", "127.0.0.1"),
                c.integer("http.port", 9990, 0, 65535, "TCP port"),
                List.copyOf(tokens),
                c.string("http.webkey", ""),
                c.integer("http.max-body-bytes", 16384, 256, 1 << 20, "bytes"),
                c.integer("http.max-header-bytes", 8192, 1024, 65536, "bytes"),
                c.integer("http.workers", 32, 1, 512, "threads"),
                c.integer("http.queue", 1024, 1, 1 << 20, "requests"),
                c.integer("http.max-connections", 1024, 1, 1 << 20, "connections"),
                c.integer("http.idle-timeout-s", 60, 1, 86400, "seconds"),
                c.integer("http.request-timeout-ms", 10000, 100, 600000, "milliseconds"),
                readable(c, "http.tls.cert", cert), readable(c, "http.tls.key", key));
    }

    private static Path readable(ConfigSource c, String key, String value) throws ConfigException {
        if (value.isEmpty()) {
            return null;
        }
        Path p = Path.of(value);
        if (!Files.isReadable(p)) {
            throw new ConfigException(c.fail(key, "names '" + value + "', which is not a readable file"));
        }
        return p;
    }

    @Override
    public String toString() {
        return "HttpSettings[" + bind + ":" + port + ", tokens=" + tokens + ", webkey="
                + (webkey.isEmpty() ? "off" : "****") + ", tls=" + (tlsCert != null) + "]";
    }
}
