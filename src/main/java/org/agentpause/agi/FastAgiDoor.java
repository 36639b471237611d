package org.agentpause.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agentpause.Threads;
import org.agentpause.config.AgiSettings;
import org.agentpause.pause.Action;
import org.agentpause.pause.FieldRules;
import org.agentpause.pause.InvalidInputException;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.QueueBackend;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone door: a FastAGI server whose four scripts call the same pause core as HTTP.
 * Only these fixed script names exist; any other name runs nothing and loads no class.
 */
public final class FastAgiDoor implements AutoCloseable {

    /** Script names as they appear after the host in {@code agi://host:port/<name>}. */
    public static final String TOGGLE = "agent-pause/toggle";
    public static final String ON = "agent-pause/on";
    public static final String OFF = "agent-pause/off";
    public static final String STATUS = "agent-pause/status";

    private static final Logger log = LoggerFactory.getLogger(FastAgiDoor.class);

    private final AgiSettings settings;
    private final AllowList allow;
    private final Map<String, AgiScript> scripts;
    private final ThreadPoolExecutor workers;
    private ConfinedAgiServer server;
    private GuardedServerSocket socket;
    private Thread acceptor;

    /**
     * @throws IllegalArgumentException when {@code agi.allow} or a reason label is invalid
     */
    public FastAgiDoor(AgiSettings settings, PauseService service, QueueBackend backend, MemberResolver resolver) {
        this.settings = settings;
        for (Map.Entry<String, String> r : settings.reasons().entrySet()) {
            try {
                FieldRules.reason(r.getValue());
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException("reasons." + r.getKey() + ": label " + e.getMessage(), e);
            }
        }
        PhoneRequestReader reader = new PhoneRequestReader(settings.trustCallerId(), settings.reasons());
        this.scripts = Map.of(
                TOGGLE, new PauseScript(Action.TOGGLE, reader, service),
                ON, new PauseScript(Action.PAUSE, reader, service),
                OFF, new PauseScript(Action.UNPAUSE, reader, service),
                STATUS, new StatusScript(reader, backend, resolver));
        this.allow = AllowList.parse(settings.allow());
        // A short queue: a press that waits long is worse than a quick error prompt.
        this.workers = Threads.boundedPool("agi-worker", settings.threads(), settings.threads());
    }

    /** Binds {@code agi.bind:agi.port} and starts accepting; returns the port bound (useful with port 0). */
    public synchronized int start() throws IOException {
        try {
            socket = new GuardedServerSocket(InetAddress.getByName(settings.bind()), settings.port(),
                    allow, settings.readTimeoutMs());
        } catch (IOException e) {
            throw new IOException("FastAGI door cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage() + " (is another instance running? change agi.port or agi.bind)", e);
        }
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        // A HashMap, not Map.of: the library looks up the script name as sent, and an empty
        // agi_network_script is null there, which Map.of answers with a NullPointerException.
        mapping.setMappings(new HashMap<>(scripts));
        server = new ConfinedAgiServer(mapping, socket, workers);
        acceptor = Threads.named("agi-accept", true).newThread(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                log.error("FastAGI accept loop ended: {}", e.getMessage());
            }
        });
        acceptor.start();
        log.info("FastAGI door listening on agi://{}:{}/ (allow {}), scripts {}", settings.bind(),
                socket.localPort(), settings.allow(), scripts.keySet().stream().sorted().toList());
        return socket.localPort();
    }

    /** Calls accepted and waiting for a worker (tests use it to know the queue slot is taken). */
    public int waitingCalls() {
        return workers.getQueue().size();
    }

    /** Stops accepting connections; scripts already running carry on. */
    public synchronized void stopAccepting() {
        if (server != null) {
            server.shutdown();
        }
        if (socket != null) {
            // Also closed here: if the accept thread has not reached accept() yet, the library's
            // shutdown does not know the socket, and accept() would block forever.
            try {
                socket.close();
            } catch (IOException e) {
                log.warn("closing the FastAGI listening socket failed: {}", e.getMessage());
            }
        }
    }

    /** Stops accepting, then waits (bounded) for running scripts to finish. */
    @Override
    public void close() {
        stopAccepting();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.readTimeoutMs() + 1000L, TimeUnit.MILLISECONDS)) {
                log.warn("{} FastAGI scripts still running; stopping anyway", workers.getActiveCount());
                workers.shutdownNow();
            }
            Thread t = acceptor;
            if (t != null) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
