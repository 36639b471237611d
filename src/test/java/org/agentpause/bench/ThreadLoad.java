package org.agentpause.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load from N blocking threads, for clients that are naturally blocking (a FastAGI
 * call, an AMI script): each thread runs its next operation as soon as the previous one ended.
 */
final class ThreadLoad {

    /** One operation of worker {@code worker}; its {@code n}-th. Returns false (or throws) on failure. */
    interface Op {
        boolean run(int worker, long n) throws Exception;
    }

    private ThreadLoad() {
    }

    static LoadResult run(String name, int threads, Duration warmup, Duration measure, Op op,
                          LongSupplier serverCpu) throws InterruptedException {
        long t0 = System.nanoTime();
        long from = t0 + warmup.toNanos();
        long until = from + measure.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(i, op, from, until);
            workers.add(w);
            Thread t = new Thread(w, name + "-" + i);
            t.setDaemon(true);
            w.thread = t;
            t.start();
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0, from - System.nanoTime()));
        long cpu0 = serverCpu.getAsLong();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, until - System.nanoTime()));
        long cpu1 = serverCpu.getAsLong();
        Histogram all = LoadResult.newHistogram();
        long ops = 0;
        long errors = 0;
        for (Worker w : workers) {
            w.thread.join(TimeUnit.SECONDS.toMillis(30));
            if (w.thread.isAlive()) {
                errors++; // an operation that never ended has no outcome
                w.thread.interrupt();
                continue;
            }
            all.add(w.histogram);
            ops += w.ops;
            errors += w.errors;
        }
        return new LoadResult(ops, errors, measure.toNanos(), all, cpu0 < 0 ? -1 : cpu1 - cpu0);
    }

    /** One load thread with its own histogram (merged after it ended). */
    private static final class Worker implements Runnable {
        final int index;
        final Op op;
        final long from;
        final long until;
        final Histogram histogram = LoadResult.newHistogram();
        long ops;
        long errors;
        Thread thread;

        Worker(int index, Op op, long from, long until) {
            this.index = index;
            this.op = op;
            this.from = from;
            this.until = until;
        }

        @Override
        public void run() {
            long n = 0;
            while (System.nanoTime() < until) {
                long start = System.nanoTime();
                boolean ok;
                try {
                    ok = op.run(index, n++);
                } catch (Exception e) {
                    ok = false;
                }
                long end = System.nanoTime();
                if (!ok) {
                    errors++;
                }
                if (start >= from && end <= until) {
                    histogram.recordValue(Math.min(end - start, histogram.getHighestTrackableValue()));
                    ops++;
                }
            }
        }
    }
}
