package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.agentpause.auth.TokenAuthenticator;
import org.agentpause.pbx.QueueMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * No secret reaches a log line, whatever is sent and whichever path runs; a request without a
 * valid token gets a 401 and touches nothing, on every endpoint.
 */
class SecretsAndAuthTest {

    static final String WEBKEY = "webkey-secret-5f2a9c";
    static final String WRONG = "wrong-token-looks-real-0123456789";
    private static HttpDoor door;

    @BeforeAll
    static void startDoor() throws Exception {
        door = HttpDoor.start(Map.of("http.webkey", WEBKEY));
    }

    @AfterAll
    static void stopDoor() throws Exception {
        door.close();
    }

    private static RawHttp.Reply send(String auth, String body) {
        return Verdicts.definite(Verdicts.exchange(door.port, Wire.post("application/x-www-form-urlencoded",
                Wire.utf8(body), auth)), auth);
    }

    @Test
    void tokensAndWebkeyNeverReachTheLog() throws Exception {
        String daily = TokenAuthenticator.dailyToken(WEBKEY, LocalDate.now());
        String text;
        try (LogCapture log = new LogCapture()) {
            String body = "state=on&member=809&queue=630&reason=" + HttpDoor.TOKEN.substring(0, 20);
            assertEquals(200, send(HttpDoor.AUTH, body).status());
            assertEquals(200, send("Authorization: Bearer " + HttpDoor.TOKEN + "\r\n", body).status());
            assertEquals(200, send("Authorization: " + HttpDoor.TOKEN + "\r\n", body).status());
            assertEquals(200, send("Authentication: " + daily + "\r\n", body).status());
            for (String wrong : List.of(WRONG, HttpDoor.TOKEN + "x", HttpDoor.TOKEN.toUpperCase(), WEBKEY,
                    " " + HttpDoor.TOKEN + "\u0000")) {
                int status = send("Authentication: " + wrong + "\r\n", body).status();
                // A NUL in a header makes the whole request malformed: 400 before any token check.
                assertEquals(wrong.contains("\u0000") ? 400 : 401, status, wrong);
            }
            assertEquals(401, send("X-Token: " + HttpDoor.TOKEN + "\r\n", body).status());
            Verdicts.exchange(door.port, Wire.utf8("GET " + Wire.PAUSE_PATH + "?token=" + HttpDoor.TOKEN
                    + "&state=on&member=809&queue=630 HTTP/1.1\r\nHost: t\r\n\r\n"));
            // The PBX failing mid-request takes the warning path; it must not carry the token either.
            door.pbx().failNext(1);
            assertEquals(503, send(HttpDoor.AUTH, body).status());
            // Malformed requests take the error paths.
            Verdicts.exchange(door.port, Wire.utf8("GARBAGE " + HttpDoor.TOKEN + "\r\n\r\n"));
            Verdicts.exchange(door.port, Wire.utf8("GET /healthz HTTP/1.1\r\nX: " + HttpDoor.TOKEN.repeat(400) + "\r\n\r\n"));
            text = log.text();
        }
        assertTrue(text.contains("actor=test") && text.contains("actor=webkey"), "the capture saw no log lines: " + text);
        for (String secret : List.of(HttpDoor.TOKEN, WEBKEY, daily, WRONG, HttpDoor.TOKEN.substring(0, 20))) {
            assertFalse(text.contains(secret), () -> "a secret reached the log: " + secret);
        }
        assertFalse(door.config.http().toString().contains(HttpDoor.TOKEN) || door.config.http().toString().contains(WEBKEY),
                "settings' toString shows a secret");
    }

    /** Any header name and value that is not a valid token: 401 on every endpoint, PBX untouched. */
    @Test
    void unauthenticatedRequestsTouchNothing() {
        Gen<String> header = Generate.pick(List.of("Authentication", "Authorization", "authentication", "X-Auth", "Cookie"));
        Gen<String> value = strings().ascii().ofLengthBetween(0, 60)
                .mix(Generate.pick(List.of("Bearer ", "Bearer", "Basic " + HttpDoor.TOKEN, "Bearer\t" + HttpDoor.TOKEN + "z",
                        HttpDoor.TOKEN.substring(1), "Bearer " + HttpDoor.TOKEN.substring(0, 33))), 30);
        Gen<String> path = Generate.pick(List.of(Wire.PAUSE_PATH + "?state=on&member=808&queue=*",
                "/coocenter-api/queues/queue-info", "/coocenter-api/queues/agent-status?member=808"));
        Map<String, List<QueueMember>> before = door.snapshot();
        long applied = door.backend.applied();
        Soak.qt().forAll(header, value, path).checkAssert((h, v, p) -> {
            String clean = v.replaceAll("[\\r\\n]", "");
            RawHttp.Reply r = Verdicts.exchange(door.port, Wire.utf8("GET " + p + " HTTP/1.1\r\nHost: t\r\n"
                    + h + ": " + clean + "\r\n\r\n"));
            Verdicts.refused(r, h + ": " + clean);
            boolean control = clean.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
            assertEquals(control ? 400 : 401, r.status(), () -> h + ": " + Verdicts.printable(Wire.utf8(clean)) + " -> " + r);
            if (r.status() == 401) {
                // A fixed text: nothing the client sent is echoed back.
                assertTrue(r.message().equals("Authentication: token not accepted")
                        || r.message().startsWith("Authentication: token missing;"), r::toString);
            }
        });
        assertEquals(before, door.snapshot());
        assertEquals(applied, door.backend.applied());
    }
}
