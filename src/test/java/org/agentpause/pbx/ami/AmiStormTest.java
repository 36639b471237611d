package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.Test;

/**
 * Asterisk at its worst, behind the whole server: slower than the timeout, restarting in a loop,
 * and flooding events. Requests are answered 200 or 503 within the timeout, never with a claim
 * the PBX contradicts, memory stays bounded, and the view matches "Asterisk" once it calms down.
 */
class AmiStormTest {

    private static boolean soak() {
        return Boolean.getBoolean("soak");
    }

    /**
     * Asterisk comes back on its port. While it was down, that (ephemeral) port may briefly be
     * held by a client socket, e.g. a reconnect that connected to itself; a real AMI port is not
     * ephemeral, so retry until it is free.
     */
    static void startListening(FakeAmiServer fake) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                fake.startListening();
                return;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50); // the port is not ours yet; poll interval, not a wait for a condition we own
            }
        }
    }

    /** Every queue's members and pause state, as "Asterisk" (the fake) holds them. */
    static Map<String, Boolean> fakeState(FakeAmiServer fake) {
        Map<String, Boolean> out = new TreeMap<>();
        fake.queues().status(null).forEach((q, members) -> members.forEach(m -> out.put(q + "|" + m.iface, m.paused)));
        return out;
    }

    /** The same, as the server's membership view holds it. */
    static Map<String, Boolean> viewState(AmiRig rig) {
        Map<String, Boolean> out = new TreeMap<>();
        rig.backend.view().snapshot().forEach((q, members) -> {
            for (QueueMember m : members) {
                out.put(q + "|" + m.iface(), m.paused());
            }
        });
        return out;
    }

    static void assertViewConverges(AmiRig rig, Duration max) throws InterruptedException {
        boolean same = AmiRig.eventually(max, () -> viewState(rig).equals(fakeState(rig.fake)));
        assertTrue(same, () -> "view " + viewState(rig) + " differs from Asterisk " + fakeState(rig.fake));
    }

    static FakeAmiServer fake() throws Exception {
        FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues();
        fake.start();
        return fake;
    }

    /**
     * A QueuePause Asterisk answers after our timeout is still applied by Asterisk: the 503 must not
     * say the pause was not applied, and the view must show what Asterisk did.
     */
    @Test
    void slowerThanTheTimeoutIsNeverReportedAsNotApplied() throws Exception {
        try (AmiRig rig = new AmiRig(fake(), Map.of())) {
            rig.fake.setLatency("QueuePause", Duration.ofMillis(AmiRig.TIMEOUT_MS + 500));
            long t0 = System.nanoTime();
            HttpResponse<String> r = rig.pause(Map.of("state", "on", "member", "809", "queue", "630"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(ms < AmiRig.TIMEOUT_MS + 1000, () -> "answered after " + ms + " ms");
            assertTrue(AmiRig.eventually(Duration.ofSeconds(5), () -> rig.fake.queues().isPaused("630", "PJSIP/809")),
                    "the fake never applied the late QueuePause");
            assertFalse(r.body().contains("was not applied"), () -> "told 'not applied' but Asterisk applied it: " + r.body());
            rig.fake.setLatency("QueuePause", Duration.ZERO);
            assertViewConverges(rig, Duration.ofSeconds(5));
        }
    }

    /** Asterisk restarting again and again: 503 while down (within the timeout), 200 once back, view right at the end. */
    @Test
    void asteriskRestartingInALoop() throws Exception {
        int restarts = soak() ? 30 : 4;
        int threadsBefore = Thread.activeCount();
        try (AmiRig rig = new AmiRig(fake(), Map.of())) {
            for (int i = 0; i < restarts; i++) {
                rig.fake.stopListening();
                long t0 = System.nanoTime();
                HttpResponse<String> down = rig.pause(Map.of("state", "on", "member", "808", "queue", "*"));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(ms < AmiRig.TIMEOUT_MS + 1000, () -> "503 took " + ms + " ms");
                // The request can fail on the dead socket before the library's disconnect notice
                // arrives; "up" below must mean the new session, so see the old one go first.
                assertTrue(AmiRig.eventually(Duration.ofSeconds(5), () -> !rig.backend.health().up()),
                        () -> "health still up with Asterisk gone: " + rig.backend.health().detail());
                // A CLI change while we are away must show once we are back (the view is reloaded).
                rig.fake.pauseFromCli("PJSIP/809", "630", i % 2 == 0, "cli");
                startListening(rig.fake);
                assertTrue(AmiRig.eventually(Duration.ofSeconds(15), () -> rig.backend.health().up()),
                        () -> "not back up after restart: " + rig.backend.health().detail());
                String state = i % 2 == 0 ? "off" : "on";
                // Up means usable: health waits for asterisk-java's own connection state too, so the
                // first request after it is served (it once got a "not sent" 503 in that moment).
                HttpResponse<String> up = rig.pause(Map.of("state", state, "member", "808", "queue", "*"));
                String body = up.body();
                assertEquals(200, up.statusCode(), body);
                assertEquals(state.equals("on"), rig.fake.queues().isPaused("631", "PJSIP/808"));
                assertViewConverges(rig, Duration.ofSeconds(5));
            }
        }
        int threadsAfter = Thread.activeCount();
        assertTrue(threadsAfter < threadsBefore + 20, () -> "threads grew from " + threadsBefore + " to " + threadsAfter);
    }

    /** 100,000 events in a burst while requests keep coming: bounded memory, every request answered, view right after. */
    @Test
    void eventFloodKeepsMemoryBoundedAndTheViewRight() throws Exception {
        int events = soak() ? 500_000 : 100_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (AmiRig rig = new AmiRig(fake(), Map.of())) {
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicBoolean storming = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (storming.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    Thread.onSpinWait();
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            Thread storm = new Thread(() -> {
                String[] ifaces = {"PJSIP/808", "PJSIP/809", "Local/810@from-queue/n"};
                for (int i = 0; i < events; i++) {
                    rig.fake.pauseFromCli(ifaces[i % 3], "630", (i / 3) % 2 == 0, "storm " + i);
                }
            }, "event-storm");
            long t0 = System.nanoTime();
            storm.start();
            int answered = 0;
            int ok = 0;
            long worstMs = 0;
            while (storm.isAlive()) {
                long r0 = System.nanoTime();
                HttpResponse<String> r = rig.pause(Map.of("state", answered % 2 == 0 ? "on" : "off", "member", "808",
                        "queue", "631"));
                worstMs = Math.max(worstMs, (System.nanoTime() - r0) / 1_000_000);
                assertTrue(r.statusCode() == 200 || r.statusCode() == 503, r::body);
                ok += r.statusCode() == 200 ? 1 : 0;
                answered++;
            }
            storm.join();
            long stormMs = (System.nanoTime() - t0) / 1_000_000;
            assertViewConverges(rig, Duration.ofSeconds(30));
            storming.set(false);
            sampler.join();
            System.gc();
            long peakMb = (peak.get() - baseline) >> 20;
            long retainedMb = (memory.getHeapMemoryUsage().getUsed() - baseline) >> 20;
            System.out.printf("[figures] AmiStormTest events=%d stormMs=%d requestsDuringStorm=%d ok=%d worstMs=%d"
                    + " heapPeakGrowthMb=%d heapRetainedMb=%d viewConverged=true%n",
                    events, stormMs, answered, ok, worstMs, peakMb, retainedMb);
            long worst = worstMs;
            assertTrue(worst < AmiRig.TIMEOUT_MS + 2000, () -> "a request during the storm took " + worst + " ms");
            assertTrue(retainedMb < 64, () -> "the storm left " + retainedMb + " MB on the heap");
            assertTrue(peakMb < 768, () -> "heap peaked " + peakMb + " MB above the baseline during " + events + " events");
        }
    }
}
