package org.agentpause.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.agentpause.auth.TokenAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every body encoding, every auth form, and every class of bad input, over real HTTP. */
class HttpEncodingAndAuthTest {

    private static final String PATH = "/coocenter-api/queues/agent-pause";
    private static final String PAUSED = "{\"status\":\"success\",\"message\":\"Interface paused successfully\"}";
    private HttpHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new HttpHarness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void formMultipartJsonAndQueryAllWork() throws Exception {
        assertEquals(PAUSED, h.pauseForm("queue=630&member=808&state=on").body());
        String boundary = "----agentpause";
        String multipart = part(boundary, "queue", "631") + part(boundary, "member", "808")
                + part(boundary, "state", "ON") + "--" + boundary + "--\r\n";
        HttpResponse<String> mp = h.send("POST", PATH, "multipart/form-data; boundary=" + boundary, multipart,
                "Authentication", HttpHarness.TOKEN);
        assertEquals(PAUSED, mp.body());
        assertTrue(h.paused("631", "PJSIP/808"));
        HttpResponse<String> json = h.send("POST", PATH, "application/json",
                "{\"queue\":\"630\",\"member\":809,\"state\":\"on\",\"reason\":\"午餐\"}", "Authentication", HttpHarness.TOKEN);
        assertEquals(PAUSED, json.body());
        assertEquals("午餐", h.pbx.view().membershipsOf("PJSIP/809").get("630").reason());
        assertEquals(PAUSED, h.send("GET", PATH + "?queue=630&member=810&state=on", null, null,
                "Authentication", HttpHarness.TOKEN).body());
        assertEquals(PAUSED.replace("paused", "unpaused"), h.send("POST", PATH + "?queue=630&member=810&state=off",
                null, null, "Authentication", HttpHarness.TOKEN).body());
        assertFalse(h.paused("630", "Local/810@from-queue/n"));
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    @Test
    void everyTokenFormIsAccepted() throws Exception {
        String form = "application/x-www-form-urlencoded";
        String daily = TokenAuthenticator.dailyToken(HttpHarness.WEBKEY, LocalDate.now());
        String[][] forms = {{"Authentication", HttpHarness.TOKEN}, {"Authorization", HttpHarness.TOKEN},
                {"Authorization", "Bearer " + HttpHarness.TOKEN}, {"Authorization", "bearer " + HttpHarness.TOKEN},
                {"Authentication", daily}};
        for (String[] header : forms) {
            HttpResponse<String> r = h.send("POST", PATH, form, "queue=630&member=808&state=on", header[0], header[1]);
            assertEquals(200, r.statusCode(), header[0] + ": " + header[1]);
        }
    }

    @Test
    void missingOrWrongTokensAre401AndTouchNothing() throws Exception {
        String form = "application/x-www-form-urlencoded";
        HttpResponse<String> none = h.send("POST", PATH, form, "queue=630&member=808&state=on");
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("token missing"), none.body());
        HttpResponse<String> wrong = h.send("POST", PATH, form, "queue=630&member=808&state=on",
                "Authentication", HttpHarness.TOKEN + "x");
        assertEquals("{\"status\":\"error\",\"message\":\"Authentication: token not accepted\"}", wrong.body());
        assertEquals(401, h.send("POST", PATH, form, "queue=630&member=808&state=on",
                "Authentication", HttpHarness.WEBKEY).statusCode());
        assertEquals(401, h.send("GET", "/coocenter-api/queues/queue-info", null, null).statusCode());
        assertEquals(0, h.pbx.actionsApplied());
        assertFalse(h.paused("630", "PJSIP/808"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CRLF in member           | queue=630&member=808%0D%0AQueue:%20631&state=on | member: contains control character U+000D",
        "LF in queue              | queue=630%0AAction:%20Ping&member=808&state=on  | queue: contains control character U+000A",
        "bare CR in reason        | queue=630&member=808&state=on&reason=x%0DEvent:%20Fake | reason: contains control character U+000D",
        "NUL in member            | queue=630&member=80%008&state=on               | member: contains control character U+0000",
        "full-width digits        | queue=630&member=%EF%BC%98%EF%BC%90%EF%BC%98&state=on | member: must be an extension",
        "padded member            | queue=630&member=%20808&state=on               | member: must be an extension",
        "80-byte reason           | queue=630&member=808&state=on&reason=" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | reason: is 80 bytes",
        "invalid UTF-8            | queue=630&member=808&state=on&reason=%FF%FE    | reason: is not valid UTF-8",
        "duplicate member         | queue=630&member=808&member=809&state=on       | member: given more than once",
        "empty queue              | queue=&member=808&state=on                     | queue: must not be empty",
        "typo in state            | queue=630&member=808&state=paused              | state: must be 'on'",
        "broken percent-encoding  | queue=630&member=808&state=on&reason=%G1       | body: malformed percent-encoding",
    })
    void badInputIs400NamingTheFieldAndChangesNothing(String label, String form, String message) throws Exception {
        HttpResponse<String> r = h.pauseForm(form);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"status\":\"error\",\"message\":\"" + message), label + ": " + r.body());
        assertEquals(0, h.pbx.actionsApplied());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON          | {member:808             | body: is not valid JSON",
        "array             | [\"808\"]               | body: must be a JSON object",
        "nested value      | {\"member\":{\"x\":1},\"queue\":\"630\",\"state\":\"on\"} | member: must be a string",
        "boolean state     | {\"member\":\"808\",\"queue\":\"630\",\"state\":true} | state: must be a string",
    })
    void badJsonIs400(String label, String body, String message) throws Exception {
        HttpResponse<String> r = h.send("POST", PATH, "application/json", body, "Authentication", HttpHarness.TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"status\":\"error\",\"message\":\"" + message), label + ": " + r.body());
    }

    @Test
    void brokenMultipartIs400() throws Exception {
        HttpResponse<String> r = h.send("POST", PATH, "multipart/form-data; boundary=zz",
                "--zz\r\nContent-Disposition: form-data; name=\"member\"\r\n\r\n808", "Authentication", HttpHarness.TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(0, h.pbx.actionsApplied());
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnectionInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", h.port)) {
            OutputStream out = s.getOutputStream();
            String req = "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nAuthentication: " + HttpHarness.TOKEN
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s";
            String on = "queue=630&member=808&state=on";
            String off = "queue=630&member=808&state=off";
            // Pipelined: six requests in one write; replies must come back one per request, in order.
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                all.append(String.format(req, on.length(), on)).append(String.format(req, off.length(), off));
            }
            out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String replies = readCount(s.getInputStream(), "successfully\"}", 6);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Interface (\\w+) successfully").matcher(replies);
            StringBuilder order = new StringBuilder();
            while (m.find()) {
                order.append(m.group(1)).append(' ');
            }
            assertEquals("paused unpaused paused unpaused paused unpaused ", order.toString(), replies);
        }
        assertFalse(h.paused("630", "PJSIP/808"));
    }

    private static String readCount(InputStream in, String marker, int count) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (sb.toString().split(java.util.regex.Pattern.quote(marker), -1).length - 1 < count) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
