package org.agentpause.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The HTTP door under load: one server JVM per backend, every connection count in turn. */
final class HttpBench {

    static final String QUEUE = "bench";
    static final int FIRST_MEMBER = 2000;

    private final BenchOptions options;
    private final Pinning pinning;

    HttpBench(BenchOptions options, Pinning pinning) {
        this.options = options;
        this.pinning = pinning;
    }

    static Table newTable() {
        return new Table("HTTP door: keep-alive connections alternately pausing and unpausing distinct members",
                "backend", "connections", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors",
                "server CPU µs/req", "server RSS MiB (peak)");
    }

    /** Base server properties: loopback HTTP on a free port, one bench token, no FastAGI. */
    static Map<String, String> serverProps(int httpPort, String token) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("http.bind", "127.0.0.1");
        p.put("http.port", Integer.toString(httpPort));
        p.put("http.tokens", "bench:" + token);
        p.put("agi.enabled", "false");
        return p;
    }

    static String newToken() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static List<String> members(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(FIRST_MEMBER + i));
        }
        return out;
    }

    /**
     * Runs every connection count against a server started with {@code backendProps}; adds rows
     * and returns the results by connection count.
     *
     * @param agents members the connections press, one each (at least as many as connections)
     * @param queue  the {@code queue} field sent ({@code *} = every queue the member is in)
     * @param table  where rows go, or null to only return the results
     * @param notes  where errors outside the rows (warm-up) are noted and counted
     */
    Map<Integer, LoadResult> run(String label, Map<String, String> backendProps, List<String> agents, String queue,
                                 Table table, Table notes) throws Exception {
        Map<Integer, LoadResult> results = new LinkedHashMap<>();
        int port = ServerProcess.freePort();
        String token = newToken();
        Map<String, String> props = serverProps(port, token);
        props.putAll(backendProps);
        Path log = options.out().resolveSibling("server-http-"
                + label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".log");
        try (ServerProcess server = ServerProcess.start(props, options.serverOpts(), pinning.serverCpus(), log)) {
            server.awaitHealthy(port, 60_000);
            HttpLoad load = new HttpLoad("127.0.0.1", port, token, queue, 1);
            int most = options.connections().stream().mapToInt(Integer::intValue).max().orElse(1);
            LoadResult jit = load.run(agents.subList(0, Math.min(64, most)), java.time.Duration.ZERO, options.jitWarmup());
            System.out.printf("  %s, JIT warm-up: %s req/s, %d errors%n", label, LoadResult.rate(jit.perSecond()),
                    jit.errors());
            notes.warmupErrors(label + " JIT warm-up", jit.errors());
            for (int conns : options.connections()) {
                LoadResult r = load.run(agents.subList(0, conns), options.warmup(), options.measure(), server::cpuNanos);
                results.put(conns, r);
                if (table == null) {
                    continue;
                }
                table.row(label, conns, LoadResult.rate(r.perSecond()), LoadResult.ms(r.millisAt(50)),
                        LoadResult.ms(r.millisAt(95)), LoadResult.ms(r.millisAt(99)), LoadResult.ms(r.maxMillis()),
                        r.errors(), r.cpuMicrosPerOp(), String.format(java.util.Locale.ROOT, "%.0f (%.0f)", server.rssMiB(),
                                server.peakRssMiB()));
                System.out.printf("  %s, %d connections: %s req/s, p99 %s ms, %d errors, server %s µs CPU/req%n",
                        label, conns, LoadResult.rate(r.perSecond()), LoadResult.ms(r.millisAt(99)), r.errors(),
                        r.cpuMicrosPerOp());
            }
        }
        return results;
    }

    /** The simulated backend holding one queue with a member per connection. */
    static Map<String, String> simulatedBackend(int members) {
        return Map.of("pbx.backend", "simulated", "simulated.queues", QUEUE + ":" + String.join(",", members(members)));
    }
}
