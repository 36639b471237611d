package org.agentpause.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The load tool: runs the HTTP, FastAGI, scale and side-by-side sections, prints each table and
 * writes them all to one Markdown file. Run with {@code mvn -B -q -Pbench test-compile exec:exec}.
 */
public final class BenchMain {

    private final BenchOptions options;
    private final List<Table> tables = new ArrayList<>();
    private final List<String> header = new ArrayList<>();

    BenchMain(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // In-process parts (the scale section) log every pause like the server does, but to a
        // file, so the console keeps only the tables.
        System.setProperty("org.slf4j.simpleLogger.logFile",
                options.out().resolveSibling("bench-inprocess.log").toString());
        try {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
            long errors = new BenchMain(options).run();
            System.exit(errors == 0 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the chosen sections; returns the total error count over every table. */
    long run() throws Exception {
        Pinning pinning = Pinning.apply(options.pin());
        header.add("# agent-pause benchmark, " + ZonedDateTime.now().withNano(0));
        header.add("");
        Machine.describe(pinning.describe()).forEach(l -> header.add("- " + l));
        header.add("- phases: JIT warm-up " + options.jitWarmup().toMillis() + " ms per server; per row warm-up "
                + options.warmup().toMillis() + " ms, measured "
                + options.measure().toMillis() + " ms; server JVM options: "
                + (options.serverOpts().isEmpty() ? "(none, JVM defaults)" : String.join(" ", options.serverOpts())));
        header.forEach(System.out::println);
        System.out.println();
        Table http = HttpBench.newTable();
        if (options.runs("http") || options.runs("ami")) {
            tables.add(http);
        }
        if (options.runs("http")) {
            int most = options.connections().stream().mapToInt(Integer::intValue).max().orElse(1);
            new HttpBench(options, pinning).run("simulated", HttpBench.simulatedBackend(most), HttpBench.members(most),
                    HttpBench.QUEUE, http, http);
            section(http);
        }
        if (options.runs("ami")) {
            for (AmiBench.Model model : AmiBench.Model.of(options)) {
                AmiBench bench = new AmiBench(options, pinning, model);
                Table compare = bench.newCompareTable();
                tables.add(compare);
                bench.run(http, compare);
                section(http);
                section(compare);
            }
        }
        if (options.runs("agi")) {
            Table t = AgiBench.newTable();
            tables.add(t);
            new AgiBench(options, pinning).run(t);
            section(t);
        }
        if (options.runs("scale")) {
            Table t = ScaleBench.newTable();
            tables.add(t);
            new ScaleBench(options).run("simulated", new SimulatedScale(), t);
            new ScaleBench(options).run("AMI (fake, 0 ms/action)", new AmiScale(), t);
            section(t);
        }
        return errors();
    }

    private void section(Table t) throws IOException {
        System.out.println();
        System.out.print(t.render());
        write();
    }

    /** Rewrites the whole report after each section, so an interrupted run keeps what it measured. */
    private void write() throws IOException {
        StringBuilder sb = new StringBuilder(String.join("\n", header)).append("\n\n");
        tables.forEach(t -> sb.append(t.render()));
        sb.append("- load average at end (1, 5, 15 min): ").append(Machine.loadAverage()).append('\n');
        Files.writeString(options.out(), sb.toString());
    }

    /** Sum of every table's "errors" column. */
    long errors() {
        long sum = 0;
        for (Table t : tables) {
            sum += t.unlistedErrors();
            int col = t.headers().indexOf("errors");
            for (List<String> r : t.rows()) {
                sum += Long.parseLong(r.get(col));
            }
        }
        return sum;
    }
}
