package org.agentpause.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the numbers were measured on: cores, CPU model, Java, and how busy the machine was. */
final class Machine {

    private Machine() {
    }

    /** Online CPUs of the machine (not of this process, which may be pinned to fewer). */
    static int cores() {
        try {
            long n = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("processor")).count();
            return n > 0 ? (int) n : Runtime.getRuntime().availableProcessors();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /**
     * Share of all CPUs busy machine-wide over {@code millis}, from {@code /proc/stat}: taken
     * before anything of ours runs, it says whether the machine was otherwise idle.
     */
    static String busyShare(long millis) throws InterruptedException {
        try {
            long[] a = cpuTimes();
            Thread.sleep(millis); // sampling window, not a wait for a condition
            long[] b = cpuTimes();
            long total = b[0] - a[0];
            long idle = b[1] - a[1];
            return total <= 0 ? "unknown" : String.format(Locale.ROOT, "%.0f%% of all CPUs over %.0f s",
                    100.0 * (total - idle) / total, millis / 1000.0);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {total, idle + iowait} jiffies of the aggregate cpu line. */
    private static long[] cpuTimes() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    static String java() {
        return String.format(Locale.ROOT, "%s %s (%s)", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"));
    }

    /** One line per fact, for the head of every table. */
    static List<String> describe(String pinning) throws InterruptedException {
        return List.of(
                "machine: " + cores() + " cores, " + cpuModel(),
                "java: " + java(),
                "load average at start (1, 5, 15 min): " + loadAverage(),
                "CPU busy machine-wide in the 3 s before the run (the tool itself idle, so: other work): " + busyShare(3000),
                "cores: " + pinning);
    }
}
