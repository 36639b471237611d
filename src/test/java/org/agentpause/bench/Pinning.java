package org.agentpause.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the server and the load generator on different cores with {@code taskset}: the server
 * on CPU 0, this JVM (every thread) on the others. Off, or without taskset, they share all cores.
 */
final class Pinning {

    private final boolean active;
    private final String description;

    private Pinning(boolean active, String description) {
        this.active = active;
        this.description = description;
    }

    static Pinning apply(boolean wanted) throws InterruptedException {
        int cores = Machine.cores();
        if (!wanted) {
            return new Pinning(false, "server and load generator share all " + cores + " cores (pinning off)");
        }
        if (cores < 2 || !Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            return new Pinning(false, "server and load generator share all " + cores
                    + " cores (taskset unavailable or a single core)");
        }
        String rest = cores == 2 ? "1" : "1-" + (cores - 1);
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", rest,
                    Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return new Pinning(false, "server and load generator share all " + cores + " cores (taskset failed)");
            }
        } catch (IOException e) {
            return new Pinning(false, "server and load generator share all " + cores + " cores (taskset: "
                    + e.getMessage() + ")");
        }
        return new Pinning(true, "server pinned to CPU 0, load generator and fake PBX peers to CPU " + rest
                + " (taskset)");
    }

    /** The CPU list for the server's {@code taskset}, or null when unpinned. */
    String serverCpus() {
        return active ? "0" : null;
    }

    String describe() {
        return description;
    }
}
