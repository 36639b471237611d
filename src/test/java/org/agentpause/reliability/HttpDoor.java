package org.agentpause.reliability;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agentpause.Threads;
import org.agentpause.agi.FastAgiDoor;
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
 * The HTTP door (and, if asked, the FastAGI door) wired as {@code Main.run} wires them, on ephemeral
 * loopback ports, over a {@link SimulatedPbx} whose every action is recorded. Limits come from config.
 */
final class HttpDoor implements AutoCloseable {

    static final String TOKEN = "reliability-token-0123456789abcdef";
    static final String AUTH = "Authentication: " + TOKEN + "\r\n";

    final AgentPauseConfig config;
    final RecordingBackend backend;
    final ThreadPoolExecutor workers;
    final HttpServer server;
    final int port;
    /** The phone door on the same core, when started with {@link #startWithAgi}; else null. */
    final FastAgiDoor agi;
    final int agiPort;

    private HttpDoor(Map<String, String> overrides, boolean withAgi) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("http.port", "0");
        all.put("http.tokens", "test:" + TOKEN);
        all.put("simulated.queues", "630:PJSIP/808,PJSIP/809,Local/810@from-queue/n;631:PJSIP/808");
        all.put("agi.port", "0");
        all.putAll(overrides);
        config = AgentPauseConfig.defaults(all);
        backend = new RecordingBackend(new SimulatedPbx(config.pbx().simulatedQueues()));
        MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
        workers = Threads.boundedPool("test-http-worker", config.http().workers(), config.http().queueCapacity());
        PauseService service = new PauseService(backend, resolver);
        server = new HttpServer(config.http(), new PauseApi(service, backend, resolver),
                new TokenAuthenticator(config.http().tokens(), config.http().webkey(), Clock.systemDefaultZone()),
                workers);
        port = server.start();
        agi = withAgi ? new FastAgiDoor(config.agi(), service, backend, resolver) : null;
        agiPort = withAgi ? agi.start() : -1;
    }

    static HttpDoor start() throws Exception {
        return new HttpDoor(Map.of(), false);
    }

    static HttpDoor start(Map<String, String> overrides) throws Exception {
        return new HttpDoor(overrides, false);
    }

    /** Both doors on one pause core and one PBX, as {@code Main} wires them. */
    static HttpDoor startWithAgi(Map<String, String> overrides) throws Exception {
        return new HttpDoor(overrides, true);
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
        if (agi != null) {
            agi.close();
        }
        server.stopAccepting();
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        backend.close();
    }
}
