package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.agentpause.Threads;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing invented: web clients pause and unpause, phones toggle, all at once, while
 * the PBX fails, stalls, disconnects and drops requests midway. Every request gets a definite outcome, and the PBX's own
 * record agrees with what every client was told.
 */
class MixedLoadTest {

    static final int AGENTS = 16;

    /** Agents 700.. in q1, every other one also in q2, every third in q3; 750 has two interfaces. */
    static String queues() {
        StringBuilder q1 = new StringBuilder("q1:");
        StringBuilder q2 = new StringBuilder(";q2:");
        StringBuilder q3 = new StringBuilder(";q3:");
        for (int i = 0; i < AGENTS; i++) {
            String iface = "PJSIP/" + (700 + i);
            q1.append(iface).append(',');
            if (i % 2 == 0) {
                q2.append(iface).append(',');
            }
            if (i % 3 == 0) {
                q3.append(iface).append(',');
            }
        }
        return q1.append("PJSIP/750").toString() + q2.append("Local/750@from-queue/n") + q3.append("PJSIP/750");
    }

    @Test
    void concurrentHttpAndPhoneLoadWithPbxFaultsLosesAndInventsNothing() throws Exception {
        int clients = Soak.scale(6, 12);
        int phones = Soak.scale(3, 6);
        int perClient = Soak.scale(150, 20000);
        int perPhone = Soak.scale(60, 3000);
        try (HttpDoor door = HttpDoor.startWithAgi(Map.of("simulated.queues", queues(), "http.workers", "4",
                "http.queue", "64", "agi.threads", "8"))) {
            Map<String, List<QueueMember>> initial = door.snapshot();
            Ledger ledger = new Ledger();
            FaultInjector faults = new FaultInjector(door.backend, 7);
            ExecutorService pool = Executors.newFixedThreadPool(clients + phones, Threads.named("load-client", true));
            long start = System.nanoTime();
            try {
                faults.start();
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    done.add(pool.submit(() -> runClient(door.port, client, perClient, ledger)));
                }
                for (int p = 0; p < phones; p++) {
                    int phone = p;
                    done.add(pool.submit(() -> PhoneLoad.run(door.agiPort, phone, perPhone, ledger, initial)));
                }
                for (Future<?> f : done) {
                    f.get(300, TimeUnit.SECONDS);
                }
            } finally {
                faults.stop();
                pool.shutdownNow();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(clients * perClient + phones * perPhone, ledger.size(), "a request went unanswered");
            long applied = ledger.reconcile(door.backend, initial);
            Map<String, Integer> counts = ledger.outcomeCounts();
            assertTrue(counts.getOrDefault("UNAVAILABLE", 0) > 0, "no fault was ever hit: " + counts);
            assertTrue(applied > 0, "nothing was ever applied: " + counts);
            System.out.printf("[figures] MixedLoadTest requests=%d (http=%d phone=%d) ms=%d outcomes=%s applied=%d"
                    + " faults=%s lost=0 invented=0%n", ledger.size(), clients * perClient, phones * perPhone, ms,
                    counts, applied, faults.summary());
        }
    }

    private static void runClient(int port, int client, int count, Ledger ledger) {
        SplittableRandom rnd = new SplittableRandom(client * 7919L + 1);
        RawHttp conn = null;
        try {
            for (int i = 0; i < count; i++) {
                String id = "c" + client + "-" + i;
                boolean pause = rnd.nextBoolean();
                // 750 has two interfaces: a fault between them is the partial-change case to account for.
                boolean two = rnd.nextInt(4) == 0;
                String member = two ? "750" : Integer.toString(700 + rnd.nextInt(AGENTS));
                String queue = two && rnd.nextBoolean() ? "*" : switch (rnd.nextInt(4)) {
                    case 0 -> "*";
                    case 1 -> "q2";
                    case 2 -> "q3";
                    default -> "q1";
                };
                byte[] req = Wire.post("application/x-www-form-urlencoded", Wire.utf8("state=" + (pause ? "on" : "off")
                        + "&member=" + member + "&queue=" + queue + "&reason=" + id + "&verbose=1"), HttpDoor.AUTH);
                RawHttp.Reply r;
                try {
                    if (conn == null) {
                        conn = new RawHttp(port, 10_000);
                    }
                    conn.send(req);
                    r = conn.read();
                } catch (RawHttp.NoReply e) {
                    throw new AssertionError(id + ": " + e.getMessage(), e);
                }
                Verdicts.definite(r, id);
                ledger.tell(id, new Ledger.Told(outcome(r), pause, interfaces(r.json().path("data")), r.message()));
                if (!"keep-alive".equals(r.header("connection"))) {
                    conn.close();
                    conn = null;
                }
            }
        } catch (IOException e) {
            throw new AssertionError("client " + client + ": " + e, e);
        } finally {
            if (conn != null) {
                try {
                    conn.close();
                } catch (IOException ignored) {
                    // Closing a finished client's socket; nothing to report.
                }
            }
        }
    }

    private static String outcome(RawHttp.Reply r) {
        return switch (r.status()) {
            case 200 -> r.message().contains("unpaused") ? "UNPAUSED" : "PAUSED";
            case 404 -> "NOT_FOUND";
            case 503 -> r.message().startsWith("Server busy") ? "BUSY" : "UNAVAILABLE";
            default -> throw new AssertionError("unexpected reply under load: " + r);
        };
    }

    private static List<String> interfaces(JsonNode data) {
        List<String> out = new ArrayList<>();
        data.path("interfaces").forEach(n -> out.add(n.asText()));
        return out;
    }
}
