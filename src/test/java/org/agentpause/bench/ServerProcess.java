package org.agentpause.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server under test as a separate JVM ({@code org.agentpause.Main} on this JVM's class path),
 * so its resident memory and CPU are its own. Configured by {@code -D} properties only.
 */
final class ServerProcess implements AutoCloseable {

    private static final long START_DEADLINE_MS = 30_000;
    /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the server and waits until it logs that it is ready.
     *
     * @param cpus    CPU list for {@code taskset} (e.g. {@code 0}), or null to run unpinned
     * @param jvmOpts extra JVM options, e.g. a heap limit or {@code -XX:StartFlightRecording=...}
     */
    static ServerProcess start(Map<String, String> props, List<String> jvmOpts, String cpus, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOpts);
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.agentpause.Main"));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(p, log);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_DEADLINE_MS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.readString(log).contains("agent-pause ready")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        close();
        throw new IOException("server not ready within " + START_DEADLINE_MS + " ms; see " + log);
    }

    /** Polls {@code /healthz} until it answers 200 (e.g. the AMI backend has loaded), or fails at the deadline. */
    void awaitHealthy(int httpPort, long maxMs) throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/healthz")).build();
        long deadline = System.currentTimeMillis() + maxMs;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            java.net.http.HttpResponse<String> r = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            last = r.body();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IOException("server not healthy within " + maxMs + " ms: " + last + "; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** Current resident set size in MiB ({@code VmRSS}). */
    double rssMiB() {
        return statusKiB("VmRSS:") / 1024.0;
    }

    /** Peak resident set size so far in MiB ({@code VmHWM}). */
    double peakRssMiB() {
        return statusKiB("VmHWM:") / 1024.0;
    }

    private long statusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's /proc status", e);
        }
    }

    /** User plus system CPU time the server has used so far, from {@code /proc/<pid>/stat}. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's /proc stat", e);
        }
    }

    /** A free loopback port (the tiny race with another process is acceptable for a benchmark). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the server with SIGTERM (its graceful path), forcibly if it has not exited in 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
