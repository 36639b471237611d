package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken HTTP on a real socket: malformed request lines, floods of headers, oversized parts,
 * contradictory framing and pipelining. Every one gets a definite JSON reply (or, once the
 * framing cannot be trusted, a reply and a close), and the PBX is untouched.
 */
class HttpProtocolAbuseTest {

    private static HttpDoor door;

    @BeforeAll
    static void startDoor() throws Exception {
        door = HttpDoor.start(Map.of("http.max-body-bytes", "1024"));
    }

    @AfterAll
    static void stopDoor() throws Exception {
        door.close();
    }

    private static final String VALID_BODY = "state=on&member=809&queue=630";

    private static RawHttp.Reply refusedUntouched(String request) {
        Map<String, List<QueueMember>> before = door.snapshot();
        RawHttp.Reply r = Verdicts.refused(Verdicts.exchange(door.port, Wire.utf8(request)), Verdicts.printable(Wire.utf8(request)));
        assertEquals(before, door.snapshot(), request);
        return r;
    }

    @Test
    void malformedRequestLinesGetA400() {
        List<String> lines = List.of("GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /healthz\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                "GET /healthz HTTP/1.1 extra\r\n\r\n", "\u0000\u0001\u0002\r\n\r\n", "GET /\u0000 HTTP/1.1\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "GET /healthz HTTP/1.1\r\nNoColonHeader\r\n\r\n",
                "GET /healthz HTTP/1.1\r\n: empty-name\r\n\r\n", "GET /healthz HTTP/1.1\r\nBad Name: x\r\n\r\n",
                "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n",
                "POST " + Wire.PAUSE_PATH + " HTTP/1.1\r\n" + HttpDoor.AUTH.trim() + "\r\n\tfolded: continuation\r\n\r\n");
        for (String line : lines) {
            RawHttp.Reply r = refusedUntouched(line);
            // A folded header continues the token's value, so that one is a plain 401.
            assertTrue(r.status() == 400 || r.status() == 404 || r.status() == 431
                    || (r.status() == 401 && line.contains("folded")), () -> line + " -> " + r);
        }
    }

    @Test
    void methodsOtherThanGetAndPostAre405() {
        for (String m : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "post", "FOO")) {
            RawHttp.Reply r = refusedUntouched(m + " " + Wire.PAUSE_PATH + " HTTP/1.1\r\nHost: t\r\n" + HttpDoor.AUTH
                    + "Content-Length: 0\r\n\r\n");
            assertEquals(405, r.status(), () -> m + " -> " + r);
        }
    }

    @Test
    void oversizedRequestLineAndHeadersAre431() {
        assertEquals(431, refusedUntouched("GET " + Wire.PAUSE_PATH + "?reason=" + "x".repeat(5000)
                + " HTTP/1.1\r\n\r\n").status());
        assertEquals(431, refusedUntouched("GET /healthz HTTP/1.1\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n").status());
        StringBuilder flood = new StringBuilder("GET /healthz HTTP/1.1\r\n");
        for (int i = 0; i < 5000; i++) {
            flood.append("X-").append(i).append(": v\r\n");
        }
        assertEquals(431, refusedUntouched(flood.append("\r\n").toString()).status());
    }

    @Test
    void theHeaderLimitIsASetting() throws Exception {
        String sixKb = "GET /healthz HTTP/1.1\r\nX-Big: " + "y".repeat(6000) + "\r\n\r\n";
        assertEquals(200, Verdicts.exchange(door.port, Wire.utf8(sixKb)).status(), "6 KB fits the default 8 KB");
        try (HttpDoor small = HttpDoor.start(Map.of("http.max-header-bytes", "4096"))) {
            assertEquals(431, Verdicts.exchange(small.port, Wire.utf8(sixKb)).status());
            assertEquals(200, Verdicts.exchange(small.port, Wire.utf8("GET /healthz HTTP/1.1\r\nX-Big: "
                    + "y".repeat(3000) + "\r\n\r\n")).status());
        }
    }

    @Test
    void oversizedBodiesAre413WithoutReadingThem() {
        assertEquals(413, refusedUntouched(post("Content-Length: 1000000000\r\n", "")).status());
        assertEquals(413, refusedUntouched(post("Content-Length: 5000\r\n", "a=" + "b".repeat(4998))).status());
        String chunk = Integer.toHexString(3000) + "\r\n" + "c".repeat(3000) + "\r\n0\r\n\r\n";
        assertEquals(413, refusedUntouched(post("Transfer-Encoding: chunked\r\n", chunk)).status());
    }

    @Test
    void contradictoryOrBrokenFramingIsRefused() {
        List<String> framings = List.of("Content-Length: abc\r\n", "Content-Length: -5\r\n",
                "Content-Length: 29\r\nContent-Length: 5\r\n", "Content-Length: 29, 29\r\n",
                "Transfer-Encoding: chunked\r\nContent-Length: 29\r\n", "Transfer-Encoding: gzip\r\n",
                "Content-Length: 99999999999999999999\r\n", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n");
        for (String framing : framings) {
            String req = post(framing, framing.contains("chunked") ? "zz\r\nnot-hex\r\n0\r\n\r\n" : VALID_BODY);
            Map<String, List<QueueMember>> before = door.snapshot();
            RawHttp.Reply r = Verdicts.definite(Verdicts.exchange(door.port, Wire.utf8(req)), framing);
            assertTrue(r.status() == 400 || r.status() == 413 || r.status() == 501, () -> framing + " -> " + r);
            assertEquals(before, door.snapshot(), framing);
        }
    }

    private static String post(String framing, String body) {
        return "POST " + Wire.PAUSE_PATH + " HTTP/1.1\r\nHost: t\r\n" + HttpDoor.AUTH
                + "Content-Type: application/x-www-form-urlencoded\r\n" + framing + "\r\n" + body;
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws IOException {
        try (RawHttp c = new RawHttp(door.port, 5000)) {
            for (int i = 0; i < 50; i++) {
                String state = i % 2 == 0 ? "on" : "off";
                c.send(post("Content-Length: " + (VALID_BODY.length() - 2 + state.length()) + "\r\n",
                        VALID_BODY.replace("on", state)));
                RawHttp.Reply r = Verdicts.definite(c.read(), "keep-alive " + i);
                assertEquals(200, r.status(), r::toString);
                assertEquals("keep-alive", r.header("connection"));
            }
        }
    }

    /** Replies to pipelined requests must come back in request order, whatever each one costs. */
    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        door.pbx().setLatencyMicros(200_000);
        try (RawHttp c = new RawHttp(door.port, 5000)) {
            String slow = post("Content-Length: " + VALID_BODY.length() + "\r\n", VALID_BODY);
            String fast = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
            String notFound = "GET /nope HTTP/1.1\r\nHost: t\r\n\r\n";
            c.send(slow + fast + notFound);
            assertEquals(200, c.read().status());
            RawHttp.Reply second = c.read();
            assertEquals("ok", second.message(), second::toString);
            assertEquals(404, c.read().status());
        } finally {
            door.pbx().setLatencyMicros(0);
        }
    }
}
