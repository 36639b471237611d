package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes the shape of requests rather than their values: duplicate fields, JSON of the wrong
 * shape, broken multipart, random bodies under every content type. Every reply is definite and
 * a refused request changes nothing.
 */
class HttpBodyFuzzTest {

    static final AtomicLong REQUESTS = new AtomicLong();
    private static HttpDoor door;

    @BeforeAll
    static void startDoor() throws Exception {
        door = HttpDoor.start();
    }

    @AfterAll
    static void stopDoor() throws Exception {
        door.close();
        System.out.println("[figures] HttpBodyFuzzTest requests=" + REQUESTS.get());
    }

    private static final List<Map.Entry<String, byte[]>> VALID = List.of(
            Map.entry("state", Wire.utf8("on")), Map.entry("member", Wire.utf8("809")),
            Map.entry("queue", Wire.utf8("630")));

    /** Sends and checks the universal verdict: definite, and the PBX untouched unless 200. */
    private static RawHttp.Reply send(byte[] request, String what) {
        Map<String, List<QueueMember>> before = door.snapshot();
        long applied = door.backend.applied();
        REQUESTS.incrementAndGet();
        RawHttp.Reply r = Verdicts.definite(Verdicts.exchange(door.port, request), what);
        if (r.status() != 200) {
            assertEquals(before, door.snapshot(), () -> what + ": refused request changed the PBX: " + r);
            assertEquals(applied, door.backend.applied(), what);
        }
        assertEquals(List.of(), door.backend.malformed());
        return r;
    }

    @Test
    void aFieldGivenTwiceIsRefusedInEveryEncoding() {
        Gen<String> field = Generate.pick(List.of("state", "member", "queue", "reason"));
        Soak.qt().forAll(Generate.enumValues(Wire.Encoding.class), field, Generate.pick(List.of("on", "off", "808", "630")))
                .checkAssert((enc, name, second) -> {
                    List<Map.Entry<String, byte[]>> fields = new ArrayList<>(VALID);
                    fields.add(Map.entry("reason", Wire.utf8("r")));
                    fields.add(Map.entry(name, Wire.utf8(second)));
                    RawHttp.Reply r = send(Wire.request(enc, fields, HttpDoor.AUTH), enc + " twice " + name);
                    assertEquals(400, r.status(), () -> enc + " duplicate " + name + ": " + r);
                    assertTrue(r.message().startsWith(name + ":"), r::toString);
                });
    }

    @Test
    void aFieldInBothQueryAndBodyIsRefused() {
        Soak.qt(40).forAll(Generate.pick(List.of("state", "member", "queue")),
                Generate.pick(List.of("application/x-www-form-urlencoded", "application/json", "multipart"))).checkAssert((name, type) -> {
                    byte[] body = switch (type) {
                        case "application/json" -> Wire.jsonOf(VALID);
                        case "multipart" -> Wire.multipartOf(VALID);
                        default -> Wire.utf8(Wire.formOf(VALID));
                    };
                    String ct = type.equals("multipart") ? "multipart/form-data; boundary=" + Wire.BOUNDARY : type;
                    byte[] req = Wire.post(Wire.PAUSE_PATH + "?" + name + "=x", ct, body, HttpDoor.AUTH);
                    RawHttp.Reply r = send(req, "query+body " + name);
                    assertEquals(400, r.status(), () -> type + " " + name + ": " + r);
                });
    }

    /** Any JSON value: scalars, arrays, objects nested a few levels, with field names that matter. */
    static Gen<String> jsonValue(int depth) {
        Gen<String> scalar = Generate.pick(List.of("null", "true", "false", "0", "-1", "1.5", "1e400",
                "123456789012345678901234567890", "\"on\"", "\"808\"", "\"630\"", "\"\"", "\"\\u0000\"",
                "\"\\r\\n\"", "\"\\ud800\"", "[]", "{}", "-0", "0x10", "NaN", "'on'"));
        if (depth == 0) {
            return scalar;
        }
        Gen<String> inner = jsonValue(depth - 1);
        Gen<String> array = inner.zip(inner, integers().between(0, 2),
                (a, b, n) -> n == 0 ? "[" + a + "]" : n == 1 ? "[" + a + "," + b + "]" : "[]");
        Gen<String> key = Generate.pick(List.of("state", "member", "queue", "reason", "verbose", "", "x", "\\u0000"));
        Gen<String> object = key.zip(inner, key, inner, (k1, v1, k2, v2) -> "{\"" + k1 + "\":" + v1 + ",\"" + k2 + "\":" + v2 + "}");
        return scalar.mix(array, 30).mix(object, 40);
    }

    @Test
    void jsonOfTheWrongShapeIsRefused() {
        Gen<String> garbage = Generate.pick(List.of("", " ", " x", "}", "{}", ",", "\u0000", "// c", "]"));
        Soak.qt().forAll(jsonValue(3), garbage, Generate.booleans()).checkAssert((json, tail, prefixValid) -> {
            String body = (prefixValid ? "{\"state\":\"on\",\"member\":\"809\",\"queue\":\"630\"}" : json) + tail;
            RawHttp.Reply r = send(Wire.post("application/json", Wire.utf8(body), HttpDoor.AUTH), "json " + body);
            if (!(prefixValid && tail.isBlank())) {
                assertTrue(r.status() == 400 || r.status() == 404, () -> "json " + body + " -> " + r);
            }
        });
    }

    @Test
    void deeplyNestedJsonIsRefusedNotAStackOverflow() {
        // Up to 8,000 levels: still inside http.max-body-bytes, so Jackson really parses them.
        for (int depth : new int[] {100, 2000, 8000}) {
            String body = "[".repeat(depth) + "]".repeat(depth);
            RawHttp.Reply r = send(Wire.post("application/json", Wire.utf8(body), HttpDoor.AUTH), "nested " + depth);
            assertTrue(r.status() == 400 || r.status() == 413, r::toString);
        }
    }

    /** A valid multipart body cut, spliced or corrupted at a random place. */
    @Test
    void brokenMultipartIsRefused() {
        byte[] valid = Wire.multipartOf(VALID);
        Gen<Integer> at = integers().between(0, valid.length);
        Gen<byte[]> junk = Generate.pick(List.of(Wire.utf8("--"), Wire.utf8("\r\n"), Wire.utf8("--" + Wire.BOUNDARY),
                Wire.utf8("Content-Disposition: form-data; name=\"state\"; filename=\"x.txt\"\r\n"),
                Wire.utf8("Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n"), new byte[] {0},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, Wire.utf8("\r\n\r\n"), Wire.utf8("name=\"\""),
                Wire.utf8("Content-Transfer-Encoding: base64\r\n"), Wire.utf8("charset=\"utf-7\"")));
        Gen<String> contentType = Generate.pick(List.of("multipart/form-data; boundary=" + Wire.BOUNDARY,
                "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=x",
                "multipart/form-data; boundary=" + "b".repeat(300), "multipart/form-data; boundary=\"" + Wire.BOUNDARY,
                "multipart/form-data; charset=utf-16; boundary=" + Wire.BOUNDARY, "multipart/mixed; boundary=" + Wire.BOUNDARY));
        Soak.qt().forAll(at, integers().between(0, 3), junk, contentType).checkAssert((pos, mode, bad, ct) -> {
            byte[] body = switch (mode) {
                case 0 -> java.util.Arrays.copyOf(valid, pos);
                case 1 -> HostileValues.splice(valid, bad, pos);
                case 2 -> {
                    byte[] b = valid.clone();
                    if (pos < b.length) {
                        b[pos] ^= 0x5A;
                    }
                    yield b;
                }
                default -> valid;
            };
            send(Wire.post(ct, body, HttpDoor.AUTH), "multipart mode " + mode + " at " + pos + " " + ct);
        });
    }

    @Test
    void anyBodyUnderAnyContentTypeGetsADefiniteReply() {
        Gen<String> contentType = Generate.pick(java.util.Arrays.asList(null, "", "text/plain", "application/xml",
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                "application/json", "application/json; charset=utf-16", "APPLICATION/JSON", "application/jsonx",
                "multipart/form-data; boundary=" + Wire.BOUNDARY, "*/*", "application/octet-stream", ";;;", "\u00e9"));
        Gen<byte[]> body = Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .mix(strings().allPossible().ofLengthBetween(0, 100).map(Wire::utf8), 50)
                .mix(strings().ascii().ofLengthBetween(0, 100).map(s -> Wire.utf8("state=on&member=809&queue=630&" + s)), 30);
        Soak.qt().forAll(contentType, body, Generate.booleans()).checkAssert((ct, b, post) -> {
            byte[] req = post ? Wire.post(ct, b, HttpDoor.AUTH)
                    : Wire.utf8("GET " + Wire.PAUSE_PATH + "?" + Wire.percent(b) + " HTTP/1.1\r\nHost: t\r\n" + HttpDoor.AUTH + "\r\n");
            send(req, (post ? "POST " + ct + " " : "GET ") + Verdicts.printable(b));
        });
    }
}
