package org.agentpause.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The load tool's knobs, from its command line. {@code --quick} shrinks everything to a smoke pass
 * of a few seconds.
 *
 * @param sections     which parts to run: http (simulated backend), ami (AMI backend and the
 *                     side-by-side comparison), agi, scale
 * @param connections  HTTP connection counts (also FastAGI concurrent calls)
 * @param jitWarmup    load run once against each new server before any measured phase, so the
 *                     JIT has compiled the hot paths (on one pinned core C2 takes seconds)
 * @param warmup       warm-up before each measured phase
 * @param measure      length of each measured phase
 * @param scaleSizes   PBX sizes as queues x members
 * @param scaleToggles toggles timed at each PBX size
 * @param amiLatencyMicros per-action latency of the fake AMI server (busy model; negative = skip)
 * @param amiRttMicros network round trip in front of the fake AMI (round-trip model; 0 = skip)
 * @param compareSize  the larger PBX (queues x members) of the side-by-side section, null to skip it
 * @param pin          pin the server and the load generator to different cores (taskset)
 * @param serverOpts   extra JVM options for the server under test
 * @param out          where the report is written
 */
record BenchOptions(Set<String> sections, List<Integer> connections, Duration jitWarmup, Duration warmup, Duration measure,
                    List<int[]> scaleSizes, int scaleToggles, long amiLatencyMicros, long amiRttMicros, int[] compareSize, boolean pin,
                    List<String> serverOpts, Path out) {

    static final String USAGE = """
            usage: BenchMain [--quick] [--sections http,ami,agi,scale] [--connections 1,16,64,256]
                             [--jit-warmup-s 15] [--warmup-s 2] [--measure-s 8] [--scale 1x3,100x40,500x40,2000x50]
                             [--scale-toggles 20000] [--ami-latency-us 1000] [--ami-rtt-us 1000]
                             [--compare-size 500x40]
                             [--pin on|off]
                             [--server-opts "-Xmx64m ..."] [--out FILE]""";

    static BenchOptions parse(String... args) {
        Set<String> sections = Set.of("http", "ami", "agi", "scale");
        List<Integer> conns = List.of(1, 16, 64, 256);
        Duration jitWarmup = Duration.ofSeconds(15);
        Duration warmup = Duration.ofSeconds(2);
        Duration measure = Duration.ofSeconds(8);
        List<int[]> sizes = sizes("1x3,100x40,500x40,2000x50");
        int toggles = 20_000;
        long amiLatency = 1000;
        long amiRtt = 1000;
        int[] compareSize = {500, 40};
        boolean pin = true;
        List<String> serverOpts = List.of();
        Path out = Path.of("bench-results", "bench-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                conns = List.of(1, 4);
                jitWarmup = Duration.ofMillis(300);
                warmup = Duration.ofMillis(200);
                measure = Duration.ofMillis(700);
                sizes = sizes("1x3,20x10");
                toggles = 500;
                compareSize = null;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + ": needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--sections" -> sections = Set.copyOf(Arrays.asList(v.split(",")));
                case "--connections" -> conns = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--jit-warmup-s" -> jitWarmup = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                case "--warmup-s" -> warmup = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                case "--measure-s" -> measure = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
                case "--scale" -> sizes = sizes(v);
                case "--scale-toggles" -> toggles = Integer.parseInt(v);
                case "--ami-latency-us" -> amiLatency = Long.parseLong(v);
                case "--ami-rtt-us" -> amiRtt = Long.parseLong(v);
                case "--compare-size" -> compareSize = sizes(v).get(0);
                case "--pin" -> pin = v.equals("on");
                case "--server-opts" -> serverOpts = v.isBlank() ? List.of() : List.of(v.strip().split("\\s+"));
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException(a + ": unknown option\n" + USAGE);
            }
        }
        return new BenchOptions(sections, conns, jitWarmup, warmup, measure, sizes, toggles, amiLatency, amiRtt, compareSize, pin,
                serverOpts, out);
    }

    private static List<int[]> sizes(String spec) {
        List<int[]> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            String[] qm = s.split("x");
            out.add(new int[] {Integer.parseInt(qm[0]), Integer.parseInt(qm[1])});
        }
        return out;
    }

    /** The same options with other connection counts. */
    BenchOptions withConnections(List<Integer> counts) {
        return new BenchOptions(sections, counts, jitWarmup, warmup, measure, scaleSizes, scaleToggles,
                amiLatencyMicros, amiRttMicros, compareSize, pin, serverOpts, out);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }
}
