package org.agentpause.reliability;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agentpause.Threads;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.http.HttpServer;
import org.agentpause.http.PauseApi;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.MembershipView;
import org.agentpause.pbx.QueueMember;
import org.agentpause.pbx.SimulatedPbx;

/**
 * The HTTP door wired as {@code Main.run} wires it, on an ephemeral loopback port, over a
 * {@link SimulatedPbx} whose every action is recorded. Limits come from config overrides.
 */
final class HttpDoor implements AutoCloseable {

    static final String TOKEN = "reliability-token-0123456789abcdef";
    static final String AUTH = "Authentication: " + TOKEN + "\r\n";

    final AgentPauseConfig config;
    final RecordingBackend backend;
    final ThreadPoolExecutor workers;
    final HttpServer server;
    final int port;

    private HttpDoor(Map<String, String> overrides) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("http.port", "0");
        all.put("http.tokens", "test:" + TOKEN);
        all.put("simulated.queues", "630:PJSIP/808,PJSIP/809,Local/810@from-queue/n;631:PJSIP/808");
        all.putAll(overrides);
        config = AgentPauseConfig.defaults(all);
        backend = new RecordingBackend(new SimulatedPbx(config.pbx().simulatedQueues()));
        MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
        workers = Threads.boundedPool("test-http-worker", config.http().workers(), config.http().queueCapacity());
        server = new HttpServer(config.http(), new PauseApi(new PauseService(backend, resolver), backend, resolver),
                new TokenAuthenticator(config.http().tokens(), config.http().webkey(), Clock.systemDefaultZone()),
                workers);
        port = server.start();
    }

    static HttpDoor start() throws Exception {
        return new HttpDoor(Map.of());
    }

    static HttpDoor start(Map<String, String> overrides) throws Exception {
        return new HttpDoor(overrides);
    }

    SimulatedPbx pbx() {
        return backend.pbx();
    }

    /** The PBX's whole state, for "nothing changed" comparisons. */
    Map<String, List<QueueMember>> snapshot() {
        return backend.view().snapshot();
    }

    MembershipView view() {
        return backend.view();
    }

    @Override
    public void close() throws InterruptedException {
        server.stopAccepting();
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        backend.close();
    }
}
