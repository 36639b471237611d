package org.agentpause.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the outcome table over real HTTP, and the seed document's curl lines. */
class HttpOutcomeTest {

    private HttpHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new HttpHarness();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private static void assertReply(int status, String body, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(body, r.body());
        assertEquals("application/json; charset=UTF-8", r.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void seedCurlLinesAnswerExactlyAsCooCenter() throws Exception {
        HttpResponse<String> on = h.send("POST", "/coocenter-api/queues/agent-pause",
                "application/x-www-form-urlencoded", "queue=630&member=808&state=on",
                "accept", "application/json", "Authentication", HttpHarness.TOKEN);
        assertReply(200, "{\"status\":\"success\",\"message\":\"Interface paused successfully\"}", on);
        assertTrue(h.paused("630", "PJSIP/808"));
        assertTrue(h.get("/coocenter-api/queues/queue-info").body().contains(
                "\"630\":[{\"name\":\"Local/810@from-queue/n\",\"paused\":\"0\",\"penalty\":\"0\"},"
                        + "{\"name\":\"PJSIP/808\",\"paused\":\"1\",\"penalty\":\"0\"}"));

        HttpResponse<String> off = h.send("POST", "/coocenter-api/queues/agent-pause",
                "application/x-www-form-urlencoded", "queue=630&member=808&state=off",
                "accept", "application/json", "Authentication", HttpHarness.TOKEN);
        assertReply(200, "{\"status\":\"success\",\"message\":\"Interface unpaused successfully\"}", off);
        assertFalse(h.paused("630", "PJSIP/808"));
        assertTrue(h.get("/coocenter-api/queues/queue-info").body().contains(
                "{\"name\":\"PJSIP/808\",\"paused\":\"0\",\"penalty\":\"0\"}"));
    }

    @Test
    void notFoundForUnknownMemberQueueOrMembership() throws Exception {
        String notFound = "{\"status\":\"error\",\"message\":\"Interface not found\"}";
        assertReply(404, notFound, h.pauseForm("queue=630&member=999&state=on"));
        assertReply(404, notFound, h.pauseForm("queue=699&member=808&state=on"));
        assertReply(404, notFound, h.pauseForm("queue=631&member=809&state=on"));
        assertEquals(0, h.pbx.actionsApplied());
    }

    @Test
    void invalidNamesTheField() throws Exception {
        assertReply(400, "{\"status\":\"error\",\"message\":\"state: must be 'on' (pause) or 'off' (unpause)\"}",
                h.pauseForm("queue=630&member=808&state=of"));
        assertReply(400, "{\"status\":\"error\",\"message\":\"queue: is required; use * for every queue the member is in\"}",
                h.pauseForm("member=808&state=on"));
        assertReply(400, "{\"status\":\"error\",\"message\":\"member: is required\"}",
                h.pauseForm("queue=630&state=on"));
        assertEquals(0, h.pbx.actionsApplied());
    }

    @Test
    void unavailablePbxIs503AndChangesNothing() throws Exception {
        h.pbx.setDisconnected(true);
        HttpResponse<String> r = h.pauseForm("queue=630&member=808&state=on");
        assertEquals(503, r.statusCode());
        assertTrue(r.body().startsWith("{\"status\":\"error\",\"message\":\"PBX unavailable"), r.body());
        assertEquals(503, h.send("GET", "/healthz", null, null).statusCode());
        // Reads are not served from a view that may be stale or empty.
        assertEquals(503, h.get("/coocenter-api/queues/queue-info").statusCode());
        assertEquals(503, h.get("/coocenter-api/queues/agent-status?member=808").statusCode());
        h.pbx.setDisconnected(false);
        assertFalse(h.paused("630", "PJSIP/808"));
        assertEquals(200, h.send("GET", "/healthz", null, null).statusCode());
    }

    @Test
    void starPausesEveryQueueAndVerboseListsThem() throws Exception {
        assertReply(200, "{\"status\":\"success\",\"message\":\"Interface paused successfully\",\"data\":"
                        + "{\"queues\":[\"630\",\"631\"],\"interfaces\":[\"PJSIP/808\"],\"reason\":\"lunch\"}}",
                h.pauseForm("queue=*&member=808&state=on&reason=lunch&verbose=1"));
        assertTrue(h.paused("630", "PJSIP/808") && h.paused("631", "PJSIP/808"));
    }

    @Test
    void aReasonBeyondTheBmpComesBackAsPlainUtf8() throws Exception {
        String reason = "lunch \uD83C\uDF54 caf\u00e9";
        HttpResponse<String> r = h.pauseForm("queue=630&member=808&state=on&verbose=1&reason="
                + java.net.URLEncoder.encode(reason, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"reason\":\"" + reason + "\""), r.body()); // not "\\uD83C\\uDF54"
    }

    @Test
    void agentStatusShowsQueuesReasonAndSince() throws Exception {
        h.pauseForm("queue=631&member=808&state=on&reason=coffee%20break");
        HttpResponse<String> r = h.get("/coocenter-api/queues/agent-status?member=808");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"member\":\"808\",\"paused\":true"), r.body());
        assertTrue(r.body().contains("{\"queue\":\"630\",\"interface\":\"PJSIP/808\",\"paused\":\"0\",\"reason\":\"\","
                + "\"since\":null,\"lastPause\":null}"), r.body());
        Matcher paused = Pattern.compile("\\{\"queue\":\"631\",\"interface\":\"PJSIP/808\",\"paused\":\"1\","
                + "\"reason\":\"coffee break\",\"since\":\"(20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z)\",\"lastPause\":\"\\1\"}")
                .matcher(r.body());
        assertTrue(paused.find(), r.body());
        // Unpaused: no longer paused "since" anything, and Asterisk's LastPause still names the pause.
        h.pauseForm("queue=631&member=808&state=off");
        String after = h.get("/coocenter-api/queues/agent-status?member=808").body();
        assertTrue(after.contains("{\"queue\":\"631\",\"interface\":\"PJSIP/808\",\"paused\":\"0\",\"reason\":\"\","
                + "\"since\":null,\"lastPause\":\"" + paused.group(1) + "\"}"), after);
        assertEquals(404, h.get("/coocenter-api/queues/agent-status?member=999").statusCode());
        assertEquals(400, h.get("/coocenter-api/queues/agent-status").statusCode());
    }

    @Test
    void queueInfoCanBeFilteredToOneQueue() throws Exception {
        assertReply(200, "{\"status\":\"success\",\"message\":\"Queue status will follow\",\"data\":"
                + "{\"631\":[{\"name\":\"PJSIP/808\",\"paused\":\"0\",\"penalty\":\"0\"}]}}",
                h.get("/coocenter-api/queues/queue-info?queue=631"));
        assertReply(404, "{\"status\":\"error\",\"message\":\"Queue not found\"}",
                h.get("/coocenter-api/queues/queue-info?queue=699"));
    }

    @Test
    void healthNeedsNoTokenAndRevealsNoSecret() throws Exception {
        HttpResponse<String> r = h.send("GET", "/healthz", null, null);
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains(HttpHarness.TOKEN) || r.body().contains(HttpHarness.WEBKEY), r.body());
    }

    @Test
    void unknownPathWrongMethodAndWrongContentType() throws Exception {
        assertReply(404, "{\"status\":\"error\",\"message\":\"Not found: no such path\"}", h.get("/coocenter-api/queues/nope"));
        HttpResponse<String> put = h.send("PUT", "/coocenter-api/queues/agent-pause", "application/x-www-form-urlencoded",
                "queue=630&member=808&state=on", "Authentication", HttpHarness.TOKEN);
        assertEquals(405, put.statusCode());
        assertEquals("GET, POST", put.headers().firstValue("allow").orElseThrow());
        HttpResponse<String> post = h.send("POST", "/coocenter-api/queues/queue-info", null, "", "Authentication",
                HttpHarness.TOKEN);
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElseThrow());
        HttpResponse<String> text = h.send("POST", "/coocenter-api/queues/agent-pause", "text/plain",
                "queue=630&member=808&state=on", "Authentication", HttpHarness.TOKEN);
        assertEquals(415, text.statusCode());
        assertTrue(text.body().contains("Content-Type: must be"), text.body());
        assertEquals(0, h.pbx.actionsApplied());
    }

    @Test
    void oversizedBodyIs413AsJson() throws Exception {
        HttpResponse<String> r = h.pauseForm("queue=630&member=808&state=on&pad=" + "x".repeat(20000));
        assertEquals(413, r.statusCode());
        assertEquals("{\"status\":\"error\",\"message\":\"Request body too large: at most 16384 bytes\"}", r.body());
        assertEquals(0, h.pbx.actionsApplied());
    }
}
