package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agentpause.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients, silent clients, connection floods and a saturated worker pool, with small limits
 * from config: the abuser is cut off or refused quickly, everybody else keeps being served.
 */
class HttpResourceLimitsTest {

    static final int MAX_CONNECTIONS = 8;
    static final int REQUEST_TIMEOUT_MS = 400;
    private static final String VALID = "state=on&member=809&queue=630";

    private HttpDoor door;
    private final List<RawHttp> held = new ArrayList<>();

    @BeforeEach
    void startDoor() throws Exception {
        door = HttpDoor.start(Map.of("http.max-connections", Integer.toString(MAX_CONNECTIONS),
                "http.request-timeout-ms", Integer.toString(REQUEST_TIMEOUT_MS), "http.idle-timeout-s", "1",
                "http.workers", "2", "http.queue", "2"));
    }

    @AfterEach
    void stopDoor() throws Exception {
        for (RawHttp c : held) {
            c.close();
        }
        door.close();
    }

    private byte[] validPost() {
        return Wire.post("application/x-www-form-urlencoded", Wire.utf8(VALID), HttpDoor.AUTH);
    }

    private void servedNormally() {
        RawHttp.Reply r = Verdicts.exchange(door.port, validPost());
        assertEquals(200, r.status(), r::toString);
    }

    /** A client trickling one byte every 40 ms is cut off at the request deadline; others are served meanwhile. */
    @Test
    void tricklingClientIsClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
        byte[] request = validPost();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(Threads.named("trickler", true));
        try (RawHttp slow = new RawHttp(door.port, 5000)) {
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            pacer.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i < request.length) {
                    try {
                        slow.send(new byte[] {request[i]});
                    } catch (IOException e) {
                        // The server closed on us: exactly what is expected; stop trickling.
                        sent.set(Integer.MAX_VALUE);
                    }
                }
            }, 0, 40, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 5; i++) {
                servedNormally();
            }
            assertTrue(slow.closedByServer(), "trickling client still connected");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= REQUEST_TIMEOUT_MS - 50 && ms < REQUEST_TIMEOUT_MS + 2000, () -> "closed after " + ms + " ms");
            assertTrue(sent.get() < request.length, "the whole request got through before the deadline");
        } finally {
            pacer.shutdownNow();
        }
        servedNormally();
    }

    /** A connection that never sends a byte is dropped by the idle timeout. */
    @Test
    void silentConnectionIsDropped() throws Exception {
        try (RawHttp silent = new RawHttp(door.port, 4000)) {
            servedNormally();
            assertTrue(silent.closedByServer(), "silent connection still open after the idle timeout");
        }
    }

    /** Past max-connections a new connection is closed at once; once the flood stops, all slots are usable. */
    @Test
    void connectionFloodIsRefusedQuicklyAndTheServerRecovers() throws Exception {
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            RawHttp c = new RawHttp(door.port, 2000);
            held.add(c);
            c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, c.read().status());
        }
        int flood = Soak.scale(60, 5000);
        String log;
        try (LogCapture capture = new LogCapture()) {
            for (int i = 0; i < flood; i++) {
                try (RawHttp extra = new RawHttp(door.port, 1000)) {
                    long t0 = System.nanoTime();
                    assertTrue(extra.closedByServer(), "connection past the limit was not refused");
                    assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1000));
                }
            }
            log = capture.text();
        }
        long lines = log.lines().filter(l -> l.contains("refusing connection")).count();
        assertTrue(lines >= 1 && lines <= 2, () -> flood + " refused connections wrote " + lines + " log lines");
        for (RawHttp c : held) {
            c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, c.read().status(), "held connection broken by the flood");
            c.close();
        }
        held.clear();
        // The freed slots come back as the server sees the closes; poll with a deadline.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<RawHttp> again = new ArrayList<>();
        while (again.size() < MAX_CONNECTIONS && System.nanoTime() < deadline) {
            RawHttp c = new RawHttp(door.port, 2000);
            try {
                c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
                assertEquals(200, c.read().status());
                again.add(c);
            } catch (IOException stillFull) {
                c.close();
            }
        }
        held.addAll(again);
        assertEquals(MAX_CONNECTIONS, again.size(), "connection slots leaked by the flood");
    }

    /** With both workers busy and the queue full, the rest get 503 at once; every 200 is one PBX change. */
    @Test
    void saturatedWorkersAnswer503AndEveryRequestIsAccountedFor() throws Exception {
        door.pbx().setLatencyMicros(150_000);
        long appliedBefore = door.backend.applied();
        var pool = Executors.newFixedThreadPool(MAX_CONNECTIONS - 1, Threads.named("saturator", true));
        try {
            List<Future<RawHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < MAX_CONNECTIONS - 1; i++) {
                replies.add(pool.submit(() -> Verdicts.exchange(door.port, validPost())));
            }
            int ok = 0;
            int busy = 0;
            for (Future<RawHttp.Reply> f : replies) {
                RawHttp.Reply r = Verdicts.definite(f.get(10, TimeUnit.SECONDS), "saturated");
                assertTrue(r.status() == 200 || r.status() == 503, r::toString);
                ok += r.status() == 200 ? 1 : 0;
                busy += r.status() == 503 ? 1 : 0;
            }
            assertTrue(busy > 0, "no request was refused with 2 workers and a queue of 2");
            assertEquals(ok, door.backend.applied() - appliedBefore, "200 replies and PBX changes differ");
        } finally {
            pool.shutdownNow();
            door.pbx().setLatencyMicros(0);
        }
    }

    /**
     * The idle timeout counted the time a request spent in the pause core (reading is off meanwhile),
     * so a PBX slower than http.idle-timeout-s got the connection closed with no reply while the
     * change still happened: a client with no outcome for a change that was made.
     */
    @Test
    void aSlowPbxDoesNotTripTheIdleTimeoutOfItsOwnRequest() throws Exception {
        door.pbx().setLatencyMicros(1_600_000);
        try {
            long applied = door.backend.applied();
            RawHttp.Reply r = Verdicts.exchange(door.port, validPost());
            assertEquals(200, r.status(), r::toString);
            assertEquals(applied + 1, door.backend.applied());
        } finally {
            door.pbx().setLatencyMicros(0);
        }
    }
}
