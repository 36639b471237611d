package org.agentpause.pbx.ami;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import org.agentpause.Threads;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.config.ConfigException;
import org.agentpause.http.HttpServer;
import org.agentpause.http.PauseApi;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;

/**
 * The whole server as {@code Main} wires it for {@code pbx.backend=ami}, pointed at a
 * {@link FakeAmiServer}: HTTP door, pause core, AMI backend. For end-to-end tests.
 */
final class AmiRig implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789abcdef";
    static final int TIMEOUT_MS = 1000;

    final FakeAmiServer fake;
    final AmiQueueBackend backend;
    final HttpServer http;
    final int httpPort;
    private final ThreadPoolExecutor workers = Threads.boundedPool("test-http-worker", 4, 64);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AmiRig(FakeAmiServer fake, Map<String, String> overrides) throws Exception {
        this.fake = fake;
        Map<String, String> keys = new HashMap<>(Map.of("http.port", "0", "http.tokens", "test:" + TOKEN,
                "pbx.backend", "ami", "ami.port", Integer.toString(fake.port()), "ami.username", "pauseapi",
                "ami.secret", "pauseapi-secret", "ami.timeout-ms", Integer.toString(TIMEOUT_MS),
                "ami.ping-s", "1", "ami.resync-s", "0"));
        keys.putAll(overrides);
        AgentPauseConfig config = config(keys);
        backend = new AmiQueueBackend(config.ami());
        MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
        backend.start();
        http = new HttpServer(config.http(), new PauseApi(new PauseService(backend, resolver), backend, resolver),
                new TokenAuthenticator(config.http().tokens(), "", Clock.systemDefaultZone()), workers);
        httpPort = http.start();
    }

    private static AgentPauseConfig config(Map<String, String> keys) throws ConfigException {
        return AgentPauseConfig.defaults(keys);
    }

    /** POST agent-pause with a form body; fields are URL-encoded here. */
    HttpResponse<String> pause(Map<String, String> fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(uri("/coocenter-api/queues/agent-pause"))
                .header("Authentication", TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Authentication", TOKEN).GET().build());
    }

    private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** The QueuePause actions the fake received, as text. */
    List<String> queuePauses() {
        return fake.actions("QueuePause").stream().map(FakeAmiServer.ReceivedAction::text).toList();
    }

    /** Polls {@code condition} until true or the deadline; returns its last value. */
    static boolean eventually(Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10); // poll interval, not a wait for the condition itself
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        http.close();
        workers.shutdownNow();
        backend.close();
        fake.close();
    }
}
