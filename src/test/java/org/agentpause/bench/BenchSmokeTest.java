package org.agentpause.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the load tool end to end with tiny parameters, exactly as its documented command does
 * (its own JVM, the server in another), so it cannot rot unnoticed: every table must come out
 * with all its rows and zero errors. Speed is not asserted here; BENCHMARKS.md reports it.
 */
class BenchSmokeTest {

    @Test
    void quickRunPrintsEveryTableWithZeroErrors(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.md");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(),
                "--quick", "--pin", "off", "--out", report.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile()).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String console = Files.readString(dir.resolve("console.txt"));
        assertTrue(done, "load tool still running after 180 s:\n" + console);
        assertEquals(0, p.exitValue(), "load tool failed:\n" + console);

        String text = Files.readString(report);
        assertTrue(text.contains("cores"), "machine description missing:\n" + text);
        assertRows(text, "### HTTP door", 6); // simulated, AMI busy, AMI round trip: 1 and 4 connections
        assertRows(text, "### Side by side against the same fake AMI in the same run: fake AMI busy", 6);
        assertRows(text, "### Side by side against the same fake AMI in the same run: fake AMI 1.0 ms round trip", 6);
        assertRows(text, "### FastAGI door", 2);
        assertRows(text, "### Scale", 4); // simulated and AMI, two sizes each
    }

    /** The table under {@code title} has {@code expected} data rows, each with errors = 0. */
    private static void assertRows(String report, String title, int expected) {
        int at = report.indexOf(title);
        assertTrue(at >= 0, "no table '" + title + "' in:\n" + report);
        List<String> lines = report.substring(at).lines().skip(2).takeWhile(l -> l.startsWith("|")).toList();
        List<String> header = cells(lines.get(0));
        int errors = header.indexOf("errors");
        assertTrue(errors >= 0, "no errors column in " + header);
        List<String> rows = lines.subList(2, lines.size());
        assertEquals(expected, rows.size(), "rows of " + title + ":\n" + String.join("\n", lines));
        for (String row : rows) {
            assertEquals("0", cells(row).get(errors), "errors in " + title + ": " + row);
        }
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split("\\|")) {
            out.add(c.strip());
        }
        return out;
    }
}
