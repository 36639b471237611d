package org.agentpause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real process: printed token, SIGTERM drains in-flight work and exits 0, bad config exits 2. */
class MainProcessTest {

    private static Process start(String... props) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(props));
        cmd.add("org.agentpause.Main");
        return new ProcessBuilder(cmd).start();
    }

    private static List<String> drain(InputStream in) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static String await(List<String> lines, Pattern p, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            for (String l : lines) { // copy-on-write: safe while the drain thread adds
                Matcher m = p.matcher(l);
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : l;
                }
            }
            pollPause(); // a spinning test would take a core from the JVM it is waiting for
        }
        throw new AssertionError("no line matching " + p + " within " + timeoutMs + " ms in " + lines);
    }

    private static void pollPause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void sigtermFinishesTheRequestInFlightAndExitsZero() throws Exception {
        int port = freePort();
        Process p = start("-Dhttp.port=" + port, "-Dsimulated.latency-ms=1500", "-Dagi.enabled=false");
        try {
            List<String> out = drain(p.getInputStream());
            List<String> err = drain(p.getErrorStream());
            String token = await(out, Pattern.compile("^  ([0-9a-f]{48})$"), 20000);
            await(err, Pattern.compile("agent-pause ready"), 20000);
            try (Socket s = new Socket("127.0.0.1", port)) {
                String body = "queue=630&member=808&state=on";
                OutputStream o = s.getOutputStream();
                o.write(("POST /coocenter-api/queues/agent-pause HTTP/1.1\r\nHost: x\r\nAuthentication: " + token
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                o.flush();
                // Wait until the server reports the request in the pause core (it sits there 1.5 s).
                HttpClient client = HttpClient.newHttpClient();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                String health;
                do {
                    pollPause();
                    health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                } while (!health.contains("\"requestsInFlight\":1") && System.nanoTime() < deadline);
                assertTrue(health.contains("\"requestsInFlight\":1"), health);
                // SIGTERM as an init system sends it (Process.destroy would also close our pipes).
                assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
                String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(reply.startsWith("HTTP/1.1 200 OK"), "reply: " + reply + "\nlog: " + err);
                assertTrue(reply.endsWith("{\"status\":\"success\",\"message\":\"Interface paused successfully\"}"), reply);
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "process did not exit");
            assertEquals(0, p.exitValue());
            await(err, Pattern.compile("agent-pause stopped"), 5000);
            assertFalse(String.join("\n", err).contains(token), "the token leaked into the log");
            assertEquals(1, out.stream().filter(l -> l.contains(token)).count() - 1,
                    "token printed once, plus once in the ready-to-paste curl line");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBadAllowListStopsTheStartWithAMessageNotAStackTrace() throws Exception {
        Process p = start("-Dhttp.port=0", "-Dagi.port=0", "-Dagi.allow=cafe");
        List<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        await(err, Pattern.compile("failed to start: agi.allow: entry 'cafe' is not an IP address literal"), 5000);
        assertFalse(err.stream().anyMatch(l -> l.startsWith("\tat ")), String.join("\n", err));
    }

    @Test
    void invalidConfigStopsTheStartNamingTheKey() throws Exception {
        Process p = start("-Dhttp.port=99999");
        List<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        await(err, Pattern.compile("configuration error: http.port \\(from system property -Dhttp.port\\) must be between"), 5000);
    }
}
