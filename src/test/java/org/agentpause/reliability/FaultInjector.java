package org.agentpause.reliability;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agentpause.Threads;
import org.agentpause.pbx.SimulatedPbx;

/** Injects PBX faults at random every few milliseconds: failures, latency spikes, disconnections, losses mid-request, late answers. */
final class FaultInjector {
    private final RecordingBackend backend;
    private final SimulatedPbx pbx;
    private final SplittableRandom rnd;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Threads.named("fault-injector", true));
    final AtomicLong failures = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong latencySpikes = new AtomicLong();
    final AtomicLong lateAnswers = new AtomicLong();

    FaultInjector(RecordingBackend backend, long seed) {
        this.backend = backend;
        this.pbx = backend.pbx();
        this.rnd = new SplittableRandom(seed);
    }

    void start() {
        timer.scheduleAtFixedRate(this::inject, 0, 5, TimeUnit.MILLISECONDS);
    }

    private void inject() {
        switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> {
                int n = 1 + rnd.nextInt(3);
                pbx.failNext(n);
                failures.addAndGet(n);
            }
            case 3 -> {
                pbx.setDisconnected(true);
                disconnects.incrementAndGet();
            }
            case 4 -> {
                pbx.setLatencyMicros(500 + rnd.nextInt(3000));
                latencySpikes.incrementAndGet();
            }
            case 5 -> {
                // Lost mid-request: a two-interface member may get its first change and not its second.
                backend.failAfter(1);
                failures.incrementAndGet();
            }
            case 6 -> {
                // Applied, but answered too late: the client must hear "may have been applied", never "not applied".
                backend.lateAnswerAfter(0);
                lateAnswers.incrementAndGet();
            }
            default -> {
                pbx.setDisconnected(false);
                pbx.setLatencyMicros(0);
            }
        }
    }

    void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        pbx.setDisconnected(false);
        pbx.setLatencyMicros(0);
        pbx.failNext(0);
        backend.failAfter(-1);
    }

    String summary() {
        return "{failNext=" + failures.get() + ", disconnects=" + disconnects.get() + ", latencySpikes="
                + latencySpikes.get() + ", lateAnswers=" + lateAnswers.get() + "}";
    }
}
