package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes every field of {@code agent-pause} in every encoding with hostile values. Whatever is
 * sent, the reply is a definite JSON one; a value the rules refuse gets a 400 naming a refused
 * field; a refused request leaves the PBX exactly as it was; a 200 left exactly what was asked.
 */
class HttpFieldFuzzTest {

    /** One generated request: the four fields as raw bytes, {@code null} when absent. */
    record Fields(byte[] state, byte[] member, byte[] queue, byte[] reason) {
        List<Map.Entry<String, byte[]>> entries() {
            List<Map.Entry<String, byte[]>> out = new ArrayList<>();
            add(out, "state", state);
            add(out, "member", member);
            add(out, "queue", queue);
            add(out, "reason", reason);
            return out;
        }

        private static void add(List<Map.Entry<String, byte[]>> out, String name, byte[] value) {
            if (value != null) {
                out.add(Map.entry(name, value));
            }
        }

        boolean valid() {
            return FieldModel.stateOk(state) && FieldModel.memberOk(member) && FieldModel.queueOk(queue)
                    && FieldModel.reasonOk(reason);
        }

        @Override
        public String toString() {
            return "state=" + show(state) + " member=" + show(member) + " queue=" + show(queue)
                    + " reason=" + show(reason);
        }

        private static String show(byte[] b) {
            return b == null ? "(absent)" : "'" + Verdicts.printable(b) + "'";
        }
    }

    static final AtomicLong REQUESTS = new AtomicLong();
    private static HttpDoor door;

    @BeforeAll
    static void startDoor() throws Exception {
        door = HttpDoor.start();
    }

    @AfterAll
    static void stopDoor() throws Exception {
        door.close();
        System.out.println("[figures] HttpFieldFuzzTest requests=" + REQUESTS.get());
    }

    static Gen<Fields> fields() {
        return HostileValues.optional(5, "on", "off", "ON", "Off").zip(
                HostileValues.optional(5, "808", "809", "810", "PJSIP/808", "pjsip/809", "Local/810@from-queue/n", "999"),
                HostileValues.optional(5, "630", "631", "*", "632"),
                HostileValues.optional(30, "lunch", "caf\u00e9 \u4f11\u606f", "a;b", "a+b c", "x".repeat(79),
                        "\u00e9".repeat(39), "50% off & more"),
                Fields::new);
    }

    @Test
    void everyFieldEveryEncodingGetsADefiniteReply() {
        Soak.qt().forAll(Generate.enumValues(Wire.Encoding.class), fields())
                .checkAssert(HttpFieldFuzzTest::check);
    }

    private static void check(Wire.Encoding encoding, Fields f) {
        byte[] request = Wire.request(encoding, f.entries(), HttpDoor.AUTH);
        Map<String, List<QueueMember>> before = door.snapshot();
        long appliedBefore = door.backend.applied();
        REQUESTS.incrementAndGet();

        RawHttp.Reply r = Verdicts.definite(Verdicts.exchange(door.port, request), encoding + " " + f);

        if (r.status() == 413 || r.status() == 431) {
            // Over the door's size limits: refused before any field was looked at.
            assertTrue(request.length > 4096, () -> "small request refused as too large: " + r);
        } else if (!f.valid()) {
            assertEquals(400, r.status(), () -> "invalid input not refused: " + encoding + " " + f + " -> " + r);
            String field = r.message().split(":", 2)[0];
            assertTrue(Set.of("state", "member", "queue", "reason", "body", "query").contains(field), r::toString);
        } else {
            assertTrue(r.status() == 200 || r.status() == 404, () -> "valid input " + encoding + " " + f + " -> " + r);
        }
        if (r.status() != 200) {
            assertEquals(before, door.snapshot(), () -> "a refused request changed the PBX: " + r);
            assertEquals(appliedBefore, door.backend.applied(), "a refused request reached the PBX");
        } else {
            assertApplied(f, r, encoding);
        }
        assertEquals(List.of(), door.backend.malformed(), "a malformed value reached the PBX");
    }

    /** A 200 means the member is now in the requested state, with the reason exactly as sent. */
    private static void assertApplied(Fields f, RawHttp.Reply r, Wire.Encoding encoding) {
        boolean pause = new String(f.state(), StandardCharsets.UTF_8).equalsIgnoreCase("on");
        assertEquals(pause ? "Interface paused successfully" : "Interface unpaused successfully", r.message());
        String m = new String(f.member(), StandardCharsets.UTF_8);
        String q = new String(f.queue(), StandardCharsets.UTF_8);
        List<String> ifaces = m.contains("/") ? List.of(m) : door.view().interfacesFor(m);
        String expectReason = pause && f.reason() != null ? new String(f.reason(), StandardCharsets.UTF_8) : "";
        int seen = 0;
        for (String iface : ifaces) {
            for (QueueMember qm : door.view().membershipsOf(iface).values()) {
                if (q.equals("*") || q.equals(qm.queue())) {
                    assertEquals(pause, qm.paused(), () -> qm + " after " + r);
                    assertEquals(expectReason, qm.reason(), () -> encoding + ": reason not kept exactly: " + qm);
                    seen++;
                }
            }
        }
        assertTrue(seen > 0, () -> "200 but no membership matched: " + m + " in " + q);
    }

    /** The read side and the router: any path and query get a definite reply and change nothing. */
    @Test
    void readEndpointsAndPathsAnswerDefinitelyAndChangeNothing() {
        Gen<String> path = Generate.pick(List.of("/coocenter-api/queues/queue-info", "/coocenter-api/queues/agent-status",
                "/coocenter-api/queues/agent-pause/", "/coocenter-api/queues/", "/coocenter-api/queues/agent%2Dpause",
                "//coocenter-api/queues/queue-info", "/coocenter-api/queues/../queues/queue-info", "/healthz",
                "/healthz/", "/", "*", "http://x/coocenter-api/queues/queue-info", "/COOCENTER-API/QUEUES/QUEUE-INFO"));
        Gen<byte[]> member = HostileValues.optional(20, "808", "809", "PJSIP/808", "999");
        Gen<byte[]> queue = HostileValues.optional(20, "630", "631", "*", "632");
        Soak.qt().forAll(path, member, queue).checkAssert((p, m, q) -> {
            List<Map.Entry<String, byte[]>> fields = new ArrayList<>();
            if (m != null) {
                fields.add(Map.entry("member", m));
            }
            if (q != null) {
                fields.add(Map.entry("queue", q));
            }
            byte[] req = Wire.utf8("GET " + p + "?" + Wire.formOf(fields) + " HTTP/1.1\r\nHost: t\r\n" + HttpDoor.AUTH + "\r\n");
            Map<String, List<QueueMember>> before = door.snapshot();
            long applied = door.backend.applied();
            REQUESTS.incrementAndGet();
            RawHttp.Reply r = Verdicts.definite(Verdicts.exchange(door.port, req), Verdicts.printable(req));
            assertTrue(Set.of(200, 400, 404, 431).contains(r.status()), r::toString);
            assertEquals(before, door.snapshot(), "a read changed the PBX");
            assertEquals(applied, door.backend.applied(), "a read reached the PBX");
        });
    }
}
