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

    static String java() {
        return String.format(Locale.ROOT, "%s %s (%s)", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"));
    }

    /** One line per fact, for the head of every table. */
    static List<String> describe(String pinning) {
        return List.of(
                "machine: " + cores() + " cores, " + cpuModel(),
                "java: " + java(),
                "load average at start (1, 5, 15 min): " + loadAverage(),
                "cores: " + pinning);
    }
}
