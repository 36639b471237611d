package org.agentpause.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agentpause.agi.AgiCallResult;
import org.agentpause.agi.FakeAsteriskCall;

/**
 * The FastAGI door under load: N concurrent simulated Asterisk calls, each running the {@code *46}
 * toggle end to end (connect, {@code agi_*} environment, the script's commands, HANGUP, close),
 * as the shipped dialplan invokes it, against the server JVM on the simulated backend.
 */
final class AgiBench {

    private final BenchOptions options;
    private final Pinning pinning;

    AgiBench(BenchOptions options, Pinning pinning) {
        this.options = options;
        this.pinning = pinning;
    }

    static Table newTable() {
        return new Table("FastAGI door: concurrent *46 toggle calls, end to end (simulated backend)",
                "concurrent calls", "calls/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors",
                "server CPU µs/call", "server RSS MiB (peak)");
    }

    void run(Table table) throws Exception {
        int most = options.connections().stream().mapToInt(Integer::intValue).max().orElse(1);
        int httpPort = ServerProcess.freePort();
        int agiPort = ServerProcess.freePort();
        Map<String, String> props = HttpBench.serverProps(httpPort, HttpBench.newToken());
        props.putAll(HttpBench.simulatedBackend(most));
        props.put("agi.enabled", "true");
        props.put("agi.bind", "127.0.0.1");
        props.put("agi.port", Integer.toString(agiPort));
        props.put("agi.threads", Integer.toString(Math.max(16, most)));
        Path log = options.out().resolveSibling("server-agi.log");
        try (ServerProcess server = ServerProcess.start(props, options.serverOpts(), pinning.serverCpus(), log)) {
            List<String> agents = HttpBench.members(most);
            String[] last = new String[most];
            LoadResult jit = ThreadLoad.run("bench-agi", Math.min(16, most), java.time.Duration.ZERO,
                    options.jitWarmup(), (w, n) -> toggle(agiPort, agents.get(w), n, last, w), () -> -1);
            System.out.printf("  FastAGI JIT warm-up: %s calls/s, %d errors%n", LoadResult.rate(jit.perSecond()),
                    jit.errors());
            table.warmupErrors("FastAGI JIT warm-up", jit.errors());
            for (int calls : options.connections()) {
                LoadResult r = ThreadLoad.run("bench-agi", calls, options.warmup(), options.measure(),
                        (w, n) -> toggle(agiPort, agents.get(w), n, last, w), server::cpuNanos);
                table.row(calls, LoadResult.rate(r.perSecond()), LoadResult.ms(r.millisAt(50)),
                        LoadResult.ms(r.millisAt(95)), LoadResult.ms(r.millisAt(99)), LoadResult.ms(r.maxMillis()),
                        r.errors(), r.cpuMicrosPerOp(), String.format(Locale.ROOT, "%.0f (%.0f)", server.rssMiB(),
                                server.peakRssMiB()));
                System.out.printf("  FastAGI, %d concurrent calls: %s calls/s, p99 %s ms, %d errors%n", calls,
                        LoadResult.rate(r.perSecond()), LoadResult.ms(r.millisAt(99)), r.errors());
            }
        }
    }

    /**
     * One {@code *46} press by {@code agent}: dialplan {@code AGI(agi://.../agent-pause/toggle,queue=,reason=)}
     * from channel {@code PJSIP/<agent>-...}. Success means the call ended with PAUSED or
     * UNPAUSED, the opposite of this agent's previous press ({@code last[slot]}, one slot per
     * thread, so presses of one agent never race).
     */
    private static boolean toggle(int port, String agent, long n, String[] last, int slot) throws Exception {
        AgiCallResult r = FakeAsteriskCall.to("127.0.0.1", port)
                .script("agent-pause/toggle")
                .args("queue=", "reason=")
                .channel(String.format(Locale.ROOT, "PJSIP/%s-%08x", agent, n))
                .callerId(agent, "Agent " + agent)
                .ids("1796323101." + n, "1")
                .run();
        String status = r.variable("AGENTPAUSE_STATUS");
        boolean ok = ("PAUSED".equals(status) || "UNPAUSED".equals(status)) && !status.equals(last[slot]);
        last[slot] = status;
        return ok;
    }
}
