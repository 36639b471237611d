package org.agentpause.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * agent-pause on its AMI backend against the usual alternatives, in the same run, against the
 * same fake Asterisk with the same per-action latency: (a) connect, log in, QueuePause, log off
 * per request; (b) FreePBX-style QueueStatus then QueuePause per press. Ours goes through the
 * whole server (HTTP, core, one AMI session); theirs talk to the fake directly.
 */
final class AmiBench {

    /**
     * How the PBX's latency is modelled. {@code busy}: the fake takes this long over each action
     * and answers one session's actions one at a time, like Asterisk's per-session manager thread
     * (so one session cannot go faster than 1/latency). {@code rtt}: the fake answers at once but
     * sits one network round trip away; pipelined actions overlap.
     */
    record Model(String label, long busyMicros, long rttMicros) {
        static List<Model> of(BenchOptions o) {
            List<Model> out = new ArrayList<>();
            if (o.amiLatencyMicros() >= 0) {
                out.add(new Model(String.format(Locale.ROOT, "fake AMI busy %s ms per action", o.amiLatencyMicros() / 1000.0),
                        o.amiLatencyMicros(), 0));
            }
            if (o.amiRttMicros() > 0) {
                out.add(new Model(String.format(Locale.ROOT, "fake AMI %s ms round trip away", o.amiRttMicros() / 1000.0),
                        0, o.amiRttMicros()));
            }
            return out;
        }
    }

    private final BenchOptions options;
    private final Pinning pinning;
    private final Model model;

    AmiBench(BenchOptions options, Pinning pinning, Model model) {
        this.options = options;
        this.pinning = pinning;
        this.model = model;
    }

    Table newCompareTable() {
        return new Table("Side by side against the same fake AMI in the same run: " + model.label(),
                "PBX", "clients", "way", "AMI actions per press", "presses/s", "p50 ms", "p99 ms", "errors",
                "ours ×");
    }

    String label() {
        return "AMI, " + model.label();
    }

    /** HTTP rows on the AMI backend (one queue), then the side-by-side rows at two PBX sizes. */
    void run(Table http, Table compare) throws Exception {
        int most = options.connections().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Integer> clients = compareClients();
        try (AmiFixture f = AmiFixture.benchQueue(most, model.busyMicros()).withRoundTrip(model.rttMicros())) {
            Map<Integer, LoadResult> ours = new HttpBench(options, pinning).run(label(), f.backendProps(),
                    HttpBench.members(most), "*", http, http);
            compare(f, "1 x " + most, clients, ours, compare);
        }
        int[] big = options.compareSize();
        if (big == null) {
            return;
        }
        try (AmiFixture f = AmiFixture.sized(big[0], big[1], model.busyMicros()).withRoundTrip(model.rttMicros())) {
            BenchOptions only = options.withConnections(clients);
            Map<Integer, LoadResult> ours = new HttpBench(only, pinning).run(label() + ", " + big[0] + " x " + big[1],
                    f.backendProps(),
                    agentsOfSizedPbx(clients.get(clients.size() - 1)), "*", null, compare);
            compare(f, big[0] + " x " + big[1], clients, ours, compare);
        }
    }

    /**
     * 1 client and the largest count up to 64, among those the run measures (our rows are taken
     * from the HTTP table, so a count it lacks would have nothing to compare).
     */
    private List<Integer> compareClients() {
        List<Integer> run = options.connections();
        List<Integer> out = new ArrayList<>();
        if (run.contains(1)) {
            out.add(1);
        }
        run.stream().filter(n -> n > 1 && n <= 64).mapToInt(Integer::intValue).max().ifPresent(out::add);
        if (out.isEmpty()) {
            out.add(run.stream().mapToInt(Integer::intValue).min().orElse(1));
        }
        return out;
    }

    private void compare(AmiFixture f, String pbx, List<Integer> clients, Map<Integer, LoadResult> ours,
                         Table table) throws Exception {
        List<String> agents = pbx.startsWith("1 x ") ? prefixed(HttpBench.members(clients.get(clients.size() - 1)))
                : prefixed(agentsOfSizedPbx(clients.get(clients.size() - 1)));
        for (int n : clients) {
            LoadResult us = ours.get(n);
            row(table, pbx, n, "agent-pause (HTTP → one AMI session)", "1", us, us);
            LoadResult a = ThreadLoad.run("bench-ami-a", n, options.warmup(), options.measure(),
                    (w, i) -> AmiScriptClient.connectPauseLogoff("127.0.0.1", f.port, AmiFixture.USER,
                            AmiFixture.SECRET, agents.get(w), i % 2 == 0), () -> -1);
            row(table, pbx, n, "(a) connect, login, QueuePause, logoff", "3 + TCP connect", a, us);
            AmiScriptClient[] sessions = new AmiScriptClient[n];
            try {
                LoadResult b = ThreadLoad.run("bench-ami-b", n, options.warmup(), options.measure(), (w, i) -> {
                    if (sessions[w] == null) {
                        sessions[w] = AmiScriptClient.login("127.0.0.1", f.port, AmiFixture.USER, AmiFixture.SECRET);
                    }
                    return sessions[w].toggle(agents.get(w)) != null;
                }, () -> -1);
                row(table, pbx, n, "(b) QueueStatus then QueuePause", "2 (QueueStatus lists every queue)", b, us);
            } finally {
                for (AmiScriptClient c : sessions) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
    }

    private static List<String> agentsOfSizedPbx(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ScaleBench.agent(i));
        }
        return out;
    }

    private static List<String> prefixed(List<String> extensions) {
        return extensions.stream().map(e -> "PJSIP/" + e).toList();
    }

    private static void row(Table t, String pbx, int clients, String way, String actions, LoadResult r,
                            LoadResult ours) {
        String ratio = r == ours ? "1.0" : String.format(Locale.ROOT, "%.1f", ours.perSecond() / r.perSecond());
        t.row(pbx, clients, way, actions, LoadResult.rate(r.perSecond()), LoadResult.ms(r.millisAt(50)),
                LoadResult.ms(r.millisAt(99)), r.errors(), ratio);
        System.out.printf("  %s, %d clients, %s: %s presses/s, p99 %s ms, %d errors%n", pbx, clients, way,
                LoadResult.rate(r.perSecond()), LoadResult.ms(r.millisAt(99)), r.errors());
    }
}
