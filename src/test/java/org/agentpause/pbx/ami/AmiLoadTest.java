package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
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
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing invented, on the real AMI backend: web clients and phones at once while
 * the fake Asterisk drops connections and stalls past the timeout. Every outcome is checked
 * against the fake's own record of the QueuePause actions it received (each carries the
 * request's id as its Reason), and the view must match "Asterisk" once the faults stop.
 */
class AmiLoadTest {

    static final String TOKEN = "load-token-0123456789abcdef";
    static final int TIMEOUT_MS = 400;
    static final int AGENTS = 16;

    @Test
    void httpAndPhonesOnAmiWithFaultsLoseAndInventNothing() throws Exception {
        boolean soak = Boolean.getBoolean("soak");
        int clients = soak ? 8 : 4;
        int phones = soak ? 4 : 2;
        int perClient = soak ? 2000 : 100;
        int perPhone = soak ? 400 : 25;
        try (FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withGeneratedQueues(3, AGENTS)) {
            fake.start();
            Map<String, String> keys = new HashMap<>(Map.of("http.port", "0", "http.tokens", "t:" + TOKEN,
                    "pbx.backend", "ami", "ami.port", Integer.toString(fake.port()), "ami.username", "pauseapi",
                    "ami.secret", "pauseapi-secret", "ami.timeout-ms", Integer.toString(TIMEOUT_MS), "ami.ping-s", "1",
                    "ami.resync-s", "0", "agi.port", "0"));
            AgentPauseConfig config = AgentPauseConfig.defaults(keys);
            AmiQueueBackend backend = new AmiQueueBackend(config.ami());
            MemberResolver resolver = new MemberResolver(config.pbx().memberTemplates());
            backend.start();
            PauseService service = new PauseService(backend, resolver);
            ThreadPoolExecutor workers = Threads.boundedPool("load-http-worker", 8, 256);
            HttpServer http = new HttpServer(config.http(), new PauseApi(service, backend, resolver),
                    new TokenAuthenticator(config.http().tokens(), "", Clock.systemDefaultZone()), workers);
            FastAgiDoor agi = new FastAgiDoor(config.agi(), service, backend, resolver);
            ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor(Threads.named("ami-faults", true));
            ExecutorService pool = Executors.newFixedThreadPool(clients + phones, Threads.named("ami-load", true));
            Map<String, AmiLoadClients.Told> told = new ConcurrentHashMap<>();
            long[] injected = new long[2];
            try {
                int httpPort = http.start();
                int agiPort = agi.start();
                SplittableRandom rnd = new SplittableRandom(11);
                faults.scheduleAtFixedRate(() -> {
                    int dice = rnd.nextInt(40);
                    if (dice == 0) {
                        fake.dropConnections();
                        injected[0]++;
                    } else if (dice < 4) {
                        fake.setLatency("QueuePause", Duration.ofMillis(TIMEOUT_MS + 200));
                        injected[1]++;
                    } else if (dice < 12) {
                        fake.setLatency("QueuePause", Duration.ZERO);
                    }
                }, 50, 20, TimeUnit.MILLISECONDS);
                long t0 = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    done.add(pool.submit(() -> AmiLoadClients.web(httpPort, client, perClient, told)));
                }
                for (int p = 0; p < phones; p++) {
                    int phone = p;
                    done.add(pool.submit(() -> AmiLoadClients.phone(agiPort, phone, perPhone, told)));
                }
                for (Future<?> f : done) {
                    f.get(600, TimeUnit.SECONDS);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                faults.shutdownNow();
                faults.awaitTermination(5, TimeUnit.SECONDS);
                fake.setLatency("QueuePause", Duration.ZERO);
                assertEquals(clients * perClient + phones * perPhone, told.size(), "a request went unanswered");
                Map<String, List<String>> received = receivedById(fake);
                Map<String, Integer> counts = new TreeMap<>();
                for (AmiLoadClients.Told t : told.values()) {
                    counts.merge(t.outcome(), 1, Integer::sum);
                    check(t, received.getOrDefault(t.id(), List.of()));
                }
                assertTrue(AmiRig.eventually(Duration.ofSeconds(15), () -> backend.health().up()), "never came back up");
                assertTrue(AmiRig.eventually(Duration.ofSeconds(15), () -> view(backend).equals(fakeState(fake))),
                        () -> "view differs from Asterisk after the faults: " + view(backend) + " vs " + fakeState(fake));
                System.out.printf("[figures] AmiLoadTest requests=%d (http=%d phone=%d) ms=%d outcomes=%s"
                        + " queuePausesReceived=%d faults={drops=%d, stallsPastTimeout=%d} lost=0 invented=0%n",
                        told.size(), clients * perClient, phones * perPhone, ms, counts,
                        fake.actions("QueuePause").size(), injected[0], injected[1]);
            } finally {
                faults.shutdownNow();
                pool.shutdownNow();
                agi.close();
                http.close();
                workers.shutdownNow();
                backend.close();
            }
        }
    }

    /** Nothing invented: a reported change reached Asterisk. Nothing lost: "not applied" never did. */
    private static void check(AmiLoadClients.Told t, List<String> actions) {
        switch (t.outcome()) {
            case "PAUSED", "UNPAUSED" -> {
                assertTrue(!actions.isEmpty(), () -> "invented: " + t + " but Asterisk never got it");
                for (String a : actions) {
                    assertTrue(a.contains("paused: " + t.pause()), () -> t + " but Asterisk got " + a);
                }
            }
            case "UNAVAILABLE" -> {
                if (!t.message().contains("may have been applied")) {
                    assertTrue(actions.isEmpty(), () -> "lost: " + t + " but Asterisk got " + actions);
                }
            }
            case "REFUSED", "BUSY" -> assertTrue(actions.isEmpty(), () -> "lost: " + t);
            case "NOT_FOUND" -> {
                // Every agent is in every queue, so Asterisk cannot have said "not found".
                throw new AssertionError("not found for an existing agent: " + t);
            }
            default -> throw new AssertionError("no definite outcome: " + t);
        }
    }

    private static Map<String, List<String>> receivedById(FakeAmiServer fake) {
        Map<String, List<String>> out = new HashMap<>();
        for (FakeAmiServer.ReceivedAction a : fake.actions("QueuePause")) {
            for (String line : a.text().split("\r\n")) {
                // Header names are case-insensitive on the wire (asterisk-java writes them lower-case).
                if (line.regionMatches(true, 0, "Reason: ", 0, 8)) {
                    out.computeIfAbsent(line.substring(8), k -> new ArrayList<>()).add(a.text().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    static Map<String, Boolean> fakeState(FakeAmiServer fake) {
        return AmiStormTest.fakeState(fake);
    }

    static Map<String, Boolean> view(AmiQueueBackend backend) {
        Map<String, Boolean> out = new TreeMap<>();
        backend.view().snapshot().forEach((q, members) -> members.forEach(m -> out.put(q + "|" + m.iface(), m.paused())));
        return out;
    }
}
