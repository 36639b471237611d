package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One pinned example per defect the reliability suite found, so each stays fixed. */
class FoundDefectsTest {

    private static HttpDoor door;

    @BeforeAll
    static void startDoor() throws Exception {
        door = HttpDoor.start();
    }

    @AfterAll
    static void stopDoor() throws Exception {
        door.close();
    }

    private static RawHttp.Reply form(String body) {
        return Verdicts.definite(Verdicts.exchange(door.port, Wire.post("application/x-www-form-urlencoded",
                Wire.utf8(body), HttpDoor.AUTH)), body);
    }

    /** Netty's query decoder split fields at ';', so {@code member=808;809} paused 808. */
    @Test
    void semicolonIsPartOfAValueNotASeparator() {
        Map<String, List<QueueMember>> before = door.snapshot();
        RawHttp.Reply r = form("state=on&queue=630&member=808;809");
        assertEquals(400, r.status(), r::toString);
        assertEquals(before, door.snapshot());

        RawHttp.Reply ok = form("state=on&queue=630&member=809&reason=lunch;late");
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("lunch;late", door.view().membershipsOf("PJSIP/809").get("630").reason());

        RawHttp.Reply get = Verdicts.exchange(door.port, Wire.utf8("GET " + Wire.PAUSE_PATH
                + "?state=off;state=on&queue=630&member=809 HTTP/1.1\r\nHost: t\r\n" + HttpDoor.AUTH + "\r\n"));
        assertEquals(400, get.status(), get::toString);
    }

    private static RawHttp.Reply post(String contentType, String body) {
        return Verdicts.definite(Verdicts.exchange(door.port, Wire.post(contentType, Wire.utf8(body), HttpDoor.AUTH)),
                contentType + " " + body);
    }

    /** Jackson kept the last of two equal keys, so {@code {"state":"off","state":"on"}} paused. */
    @Test
    void jsonDuplicateKeyIsRefused() {
        Map<String, List<QueueMember>> before = door.snapshot();
        RawHttp.Reply r = post("application/json", "{\"state\":\"off\",\"member\":\"809\",\"queue\":\"630\",\"state\":\"on\"}");
        assertEquals(400, r.status(), r::toString);
        assertEquals("state: given more than once", r.message());
        assertEquals(before, door.snapshot());
    }

    /** Jackson stopped after the first JSON value, so a body with trailing junk was acted on. */
    @Test
    void jsonWithTrailingContentIsRefused() {
        Map<String, List<QueueMember>> before = door.snapshot();
        RawHttp.Reply r = post("application/json", "{\"state\":\"on\",\"member\":\"809\",\"queue\":\"630\"} x");
        assertEquals(400, r.status(), r::toString);
        assertEquals(before, door.snapshot());
    }

    /**
     * Netty threw StringIndexOutOfBoundsException for {@code boundary=}, which closed the connection
     * without a reply; and multipart without a boundary was silently read as a url-encoded form.
     */
    @Test
    void multipartWithoutUsableBoundaryIsRefused() {
        Map<String, List<QueueMember>> before = door.snapshot();
        RawHttp.Reply empty = post("multipart/form-data; boundary=", "--\r\n");
        assertEquals(400, empty.status(), empty::toString);
        RawHttp.Reply none = post("multipart/form-data", "state=on&member=809&queue=630");
        assertEquals(400, none.status(), none::toString);
        assertEquals(before, door.snapshot());
    }

    /**
     * A PBX lost between a member's two interfaces changed one queue, yet the reply said "the pause
     * was not applied" next to the changed queue; the message now says what was applied.
     */
    @Test
    void partialFailureSaysWhatWasApplied() throws Exception {
        try (HttpDoor two = HttpDoor.start(Map.of("simulated.queues", "q1:PJSIP/750;q2:Local/750@from-queue/n"))) {
            two.backend.failAfter(1);
            RawHttp.Reply r = Verdicts.definite(Verdicts.exchange(two.port, Wire.post("application/x-www-form-urlencoded",
                    Wire.utf8("state=on&member=750&queue=*"), HttpDoor.AUTH)), "partial");
            assertEquals(503, r.status(), r::toString);
            List<String> changed = two.backend.actions().stream().filter(a -> !a.changed().isEmpty())
                    .flatMap(a -> a.changed().stream()).toList();
            assertEquals(1, changed.size(), two.backend.actions()::toString);
            assertEquals(changed.get(0), r.json().path("data").path("queues").path(0).asText(), r::toString);
            assertEquals("PBX unavailable part-way: the change was applied only to the queues in data", r.message());
        }
    }

    /**
     * A PBX that applies an action but answers after the timeout (AMI under load) was reported as
     * "the pause was not applied": the client was told the opposite of what happened.
     */
    @Test
    void unconfirmedFailureIsNeverReportedAsNotApplied() {
        door.backend.lateAnswerAfter(0);
        RawHttp.Reply r = form("state=on&queue=630&member=808");
        assertEquals(503, r.status(), r::toString);
        assertEquals(true, door.view().membershipsOf("PJSIP/808").get("630").paused(), "the fake applied it");
        assertEquals("PBX unavailable: the change was sent but not confirmed and may have been applied; check"
                + " agent-status", r.message());
    }

    /**
     * Netty's decoder keeps the first 64 parameters and silently drops the rest, so a second
     * {@code state} placed after 64 others escaped the "given more than once" check.
     */
    @Test
    void fieldsPastTheParameterLimitAreRefusedNotDropped() {
        StringBuilder body = new StringBuilder("state=on&member=809&queue=630");
        for (int i = 0; i < 70; i++) {
            body.append("&x").append(i).append("=1");
        }
        Map<String, List<QueueMember>> before = door.snapshot();
        RawHttp.Reply r = form(body.append("&state=off").toString());
        assertEquals(400, r.status(), r::toString);
        assertEquals(before, door.snapshot());
        RawHttp.Reply q = Verdicts.definite(Verdicts.exchange(door.port, Wire.utf8("GET " + Wire.PAUSE_PATH + "?"
                + body + " HTTP/1.1\r\nHost: t\r\n" + HttpDoor.AUTH + "\r\n")), "query");
        assertEquals(400, q.status(), q::toString);
    }
}
