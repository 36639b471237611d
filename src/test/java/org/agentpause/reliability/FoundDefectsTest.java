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
}
