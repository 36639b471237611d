package org.agentpause;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.agentpause.agi.FastAgiDoor;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.config.ConfigException;
import org.agentpause.config.StaticToken;
import org.agentpause.http.HttpServer;
import org.agentpause.http.PauseApi;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.QueueBackend;
import org.agentpause.pbx.SimulatedPbx;
import org.agentpause.pbx.ami.AmiQueueBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Composition root: reads the config, builds every part by constructor, starts, and stops in order. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final int WEAK_WEBKEY = 16;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hints")) {
            System.exit(HintsCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else {
                System.err.println("usage: java -jar agent-pause.jar [hints] [--config FILE]");
                System.exit(2);
            }
        }
        AgentPauseConfig config;
        try {
            config = AgentPauseConfig.load(configFile, System.getenv(), System.getProperties());
        } catch (ConfigException e) {
            System.err.println("agent-pause: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Said once at start: a server started from another directory silently misses etc/.
        log.info("configuration: {} (then AGENT_PAUSE_* environment, then -D properties)",
                config.configFile() == null ? "built-in defaults, no file (" + AgentPauseConfig.DEFAULT_FILE
                        + " not found in " + Path.of("").toAbsolutePath() + ")" : config.configFile());
        if (!config.http().webkey().isEmpty() && config.http().webkey().length() < WEAK_WEBKEY) {
            // Allowed, since the key is CooCenter's to choose; but one observed daily token lets a
            // short key be found offline, and with it every future day's token.
            log.warn("http.webkey is {} characters; a key under {} can be recovered from one daily token",
                    config.http().webkey().length(), WEAK_WEBKEY);
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Handle TERM and INT ourselves so a requested stop drains in-flight work and exits 0.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        System.exit(run(config, stop));
    }

    /** Runs until {@code stop} opens; returns the process exit code. */
    static int run(AgentPauseConfig config, CountDownLatch stop) {
        QueueBackend backend = newBackend(config);
        MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
        PauseService service = new PauseService(backend, resolver);
        ThreadPoolExecutor httpWorkers = Threads.boundedPool("http-worker",
                config.http().workers(), config.http().queueCapacity());
        HttpServer http = null;
        FastAgiDoor agi = null;
        try {
            backend.start();
            if (config.agi().enabled()) {
                agi = new FastAgiDoor(config.agi(), service, backend, resolver);
                agi.start();
            }
            http = new HttpServer(config.http(), new PauseApi(service, backend, resolver),
                    new TokenAuthenticator(tokens(config), config.http().webkey(), Clock.systemDefaultZone()),
                    httpWorkers);
            http.start();
            log.info("agent-pause ready (backend: {})", backend.health().detail());
            stop.await();
            log.info("stopping: no new requests; finishing those in flight");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            // A setting that only its user can check (agi.allow, reasons, TLS PEM files): say which.
            log.error("agent-pause failed to start: {}", e.getMessage());
            log.debug("start-up failure detail", e);
            return 2;
        } catch (Exception e) {
            if (e instanceof java.net.BindException) {
                // Netty rethrows the bind failure unchecked; an operator needs the address, not a trace.
                log.error("agent-pause failed to start: cannot listen on {}:{}: {} (is another instance"
                        + " running? change http.port)", config.http().bind(), config.http().port(), e.getMessage());
            } else if (e instanceof java.io.IOException) {
                log.error("agent-pause failed to start: {}", e.getMessage());
                log.debug("start-up failure detail", e);
            } else {
                log.error("agent-pause failed to start: {}", e.getMessage(), e);
            }
            return 1;
        } finally {
            shutdown(http, agi, httpWorkers, backend);
        }
    }

    /** The PBX backend named by {@code pbx.backend}, not yet started: a real Asterisk over AMI, or the simulated PBX. */
    static QueueBackend newBackend(AgentPauseConfig config) {
        if (config.pbx().backend().equals("ami")) {
            return new AmiQueueBackend(config.ami());
        }
        SimulatedPbx simulated = new SimulatedPbx(config.pbx().simulatedQueues());
        simulated.setLatencyMicros(config.pbx().simulatedLatencyMs() * 1000L);
        return simulated;
    }

    /** Fixed order: stop intake, drain the core, close connections, then the PBX. */
    private static void shutdown(HttpServer http, FastAgiDoor agi, ThreadPoolExecutor httpWorkers,
                                 QueueBackend backend) {
        if (http != null) {
            http.stopAccepting();
        }
        if (agi != null) {
            agi.stopAccepting();
        }
        httpWorkers.shutdown();
        try {
            if (!httpWorkers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} requests still running after 10 s; stopping anyway", httpWorkers.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (agi != null) {
            agi.close(); // lets running scripts finish (bounded) before the backend goes
        }
        if (http != null) {
            http.close();
        }
        backend.close();
        log.info("agent-pause stopped");
    }

    /** Where a client on this machine reaches the HTTP door: a wildcard bind is reached on loopback. */
    static String baseUrl(AgentPauseConfig config) {
        String host = config.http().bind();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (config.http().tlsCert() != null ? "https://" : "http://") + host + ":" + config.http().port();
    }

    /** The configured tokens; with neither tokens nor WEBKEY, one random token printed once. */
    private static List<StaticToken> tokens(AgentPauseConfig config) {
        List<StaticToken> tokens = new ArrayList<>(config.http().tokens());
        if (tokens.isEmpty() && config.http().webkey().isEmpty()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            tokens.add(new StaticToken("generated", secret));
            // Printed to the console once, not logged: it is the only way to learn it.
            System.out.printf("%nNo http.tokens or http.webkey configured; this run accepts the token%n  %s%n"
                    + "Try:%n  curl %s-X POST \"%s/coocenter-api/queues/agent-pause\" -H \"Authentication: %s\""
                    + " -d \"queue=630&member=808&state=on\"%n%n", secret,
                    config.http().tlsCert() != null ? "-k " : "", baseUrl(config), secret);
            System.out.flush();
        }
        return tokens;
    }
}
