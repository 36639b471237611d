package org.agentpause.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.agentpause.pause.Action;
import org.agentpause.pause.MemberResolver;
import org.agentpause.pause.Outcome;
import org.agentpause.pause.PauseCommand;
import org.agentpause.pause.PauseResult;
import org.agentpause.pause.PauseService;
import org.agentpause.pbx.QueueBackend;

/**
 * PBX size against load time, heap held and toggle latency, in this JVM so the heap figure is the
 * membership view's own. Every membership is a distinct agent ({@code PJSIP/<n>}), the largest index.
 */
final class ScaleBench {

    static final int FIRST_AGENT = 100_000;
    static final List<String> TEMPLATES = List.of("PJSIP/{member}");

    /** Builds and starts a backend holding {@code queues × members} memberships. */
    interface PbxFactory {
        /** Builds what the backend will load from (not timed, not counted in the heap figure). */
        default void prepare(int queues, int members) throws Exception {
        }

        /** Connects and loads (timed; its heap is counted). */
        QueueBackend start(int queues, int members) throws Exception;

        /** Releases what {@link #prepare} built. */
        default void release() throws Exception {
        }
    }

    private final BenchOptions options;

    ScaleBench(BenchOptions options) {
        this.options = options;
    }

    static Table newTable() {
        return new Table("Scale: PBX size against load time, heap held and toggle latency (one caller)",
                "backend", "queues x members", "memberships", "load ms", "heap MiB", "bytes/membership",
                "resolve+read ns", "toggle p50 µs", "toggle p99 µs", "toggle max µs", "errors");
    }

    /** The agent extension of membership {@code index} (queue-major). */
    static String agent(int index) {
        return Integer.toString(FIRST_AGENT + index);
    }

    static String queueName(int q) {
        return "q" + q;
    }

    void run(String label, PbxFactory factory, Table table) throws Exception {
        // Not recorded: lets the JIT compile the pause path before the first size is timed. On the
        // AMI rows the fake Asterisk, asterisk-java's reader and the core share one core, so until
        // their code is compiled the core is oversubscribed and the p99 shows scheduler slices:
        // measured, the first two AMI 1 x 3 rows after one warm-up (of 1 s or 15 s alike) had a
        // p99 of 2-4 ms, the third 0.15 ms. So warm up with two whole unrecorded rows.
        int[] first = options.scaleSizes().get(0);
        for (int round = 0; round < 2; round++) {
            factory.prepare(first[0], first[1]);
            try (QueueBackend warm = factory.start(first[0], first[1])) {
                toggle(warm, first[0] * first[1]);
            } finally {
                factory.release();
            }
        }
        for (int[] size : options.scaleSizes()) {
            int queues = size[0];
            int members = size[1];
            factory.prepare(queues, members);
            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            try (QueueBackend backend = factory.start(queues, members)) {
                double loadMs = (System.nanoTime() - t0) / 1e6;
                long held = usedHeapAfterGc() - heapBefore;
                int total = queues * members;
                double resolveNs = resolveAndRead(backend, total);
                LoadResult toggles = toggle(backend, total);
                table.row(label, queues + " x " + members, total, LoadResult.ms(loadMs),
                        String.format(Locale.ROOT, "%.1f", held / 1048576.0),
                        String.format(Locale.ROOT, "%,d", held / total),
                        String.format(Locale.ROOT, "%.0f", resolveNs),
                        LoadResult.us(toggles.millisAt(50)), LoadResult.us(toggles.millisAt(99)),
                        LoadResult.us(toggles.maxMillis()), toggles.errors());
                System.out.printf("  %s %dx%d: load %s ms, heap %.1f MiB, toggle p99 %s µs%n", label, queues,
                        members, LoadResult.ms(loadMs), held / 1048576.0, LoadResult.us(toggles.millisAt(99)));
            } finally {
                factory.release();
            }
        }
    }

    /**
     * Mean nanoseconds to resolve a random agent to its interfaces and read its memberships, the
     * read half of every toggle, over many look-ups (after as many unmeasured ones). It must not
     * grow with the PBX: no PBX round trip, no scan.
     */
    private static double resolveAndRead(QueueBackend backend, int agents) {
        MemberResolver resolver = new MemberResolver(TEMPLATES);
        SplittableRandom random = new SplittableRandom(7);
        int n = 200_000;
        long found = 0;
        long t0 = 0;
        for (int i = -n; i < n; i++) {
            if (i == 0) {
                t0 = System.nanoTime();
            }
            var view = backend.view();
            for (String iface : resolver.resolve(view, agent(random.nextInt(agents)), null)) {
                found += view.membershipsOf(iface).size();
            }
        }
        long took = System.nanoTime() - t0;
        if (found != 2L * n) {
            throw new IllegalStateException("resolved " + found + " memberships for " + 2 * n + " look-ups");
        }
        return (double) took / n;
    }

    /** Times toggles of random agents through the real pause core; the first half is warm-up. */
    private LoadResult toggle(QueueBackend backend, int agents) {
        PauseService service = new PauseService(backend, new MemberResolver(TEMPLATES));
        SplittableRandom random = new SplittableRandom(42);
        Histogram h = LoadResult.newHistogram();
        long errors = 0;
        int n = options.scaleToggles();
        long measuredFrom = 0;
        for (int i = -n / 2; i < n; i++) {
            if (i == 0) {
                measuredFrom = System.nanoTime();
            }
            long t0 = System.nanoTime();
            PauseResult r = service.execute(command(agent(random.nextInt(agents))));
            long took = System.nanoTime() - t0;
            if (r.outcome() != Outcome.PAUSED && r.outcome() != Outcome.UNPAUSED) {
                errors++;
            }
            if (i >= 0) {
                h.recordValue(Math.min(took, h.getHighestTrackableValue()));
            }
        }
        return new LoadResult(n, errors, System.nanoTime() - measuredFrom, h);
    }

    private static PauseCommand command(String member) {
        try {
            return PauseCommand.of(member, null, Action.TOGGLE, "", "bench");
        } catch (org.agentpause.pause.InvalidInputException e) {
            throw new IllegalStateException("bench member is invalid: " + member, e);
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
