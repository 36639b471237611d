package org.agentpause.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agentpause.Threads;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.SimulatedPbx;

/**
 * The whole HTTP door on an ephemeral loopback port over a {@link SimulatedPbx}, wired as
 * {@code Main} wires it, plus a small client for tests.
 */
public final class HttpHarness implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789";
    public static final String WEBKEY = "test-webkey";

    public final SimulatedPbx pbx;
    public final int port;
    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts with the default config plus {@code overrides} (port 0, a test token and WEBKEY by default). */
    public HttpHarness(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("http.port", "0", "http.tokens", "tests:" + TOKEN,
                "http.webkey", WEBKEY));
        settings.putAll(overrides);
        AgentPauseConfig config = AgentPauseConfig.defaults(settings);
        pbx = new SimulatedPbx(config.pbx().simulatedQueues());
        MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
        workers = Threads.boundedPool("test-http-worker", config.http().workers(), config.http().queueCapacity());
        server = new HttpServer(config.http(), new PauseApi(new PauseService(pbx, resolver), pbx, resolver),
                new TokenAuthenticator(config.http().tokens(), config.http().webkey(), Clock.systemDefaultZone()),
                workers);
        port = server.start();
    }

    public HttpHarness() throws Exception {
        this(Map.of());
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Sends a request; {@code headers} alternate name, value. */
    public HttpResponse<String> send(String method, String pathAndQuery, String contentType, String body,
                                     String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST to agent-pause with the test token in CooCenter's header. */
    public HttpResponse<String> pauseForm(String form) throws Exception {
        return send("POST", "/coocenter-api/queues/agent-pause", "application/x-www-form-urlencoded", form,
                "Authentication", TOKEN);
    }

    /** A GET with the test token. */
    public HttpResponse<String> get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery, null, null, "Authentication", TOKEN);
    }

    public boolean paused(String queue, String iface) {
        return pbx.view().membershipsOf(iface).get(queue).paused();
    }

    @Override
    public void close() {
        server.stopAccepting();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
