package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP door with {@code http.tls.cert}/{@code http.tls.key} set, serving a certificate the test
 * generates: HTTPS works end to end; plain HTTP, an untrusting client and a stalled handshake get
 * nothing useful, and the server keeps serving.
 */
class HttpTlsTest {

    @TempDir
    static Path dir;
    private static TestCertificate cert;
    private static HttpDoor door;
    private static HttpClient client;

    @BeforeAll
    static void startDoor() throws Exception {
        cert = TestCertificate.create(dir);
        door = HttpDoor.start(Map.of("http.tls.cert", cert.certPem.toString(), "http.tls.key", cert.keyPem.toString(),
                "http.request-timeout-ms", "500"));
        client = HttpClient.newBuilder().sslContext(cert.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopDoor() throws Exception {
        door.close();
    }

    private static HttpResponse<String> pause(HttpClient c, String state) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + door.port + Wire.PAUSE_PATH))
                .header("Authentication", HttpDoor.TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("state=" + state + "&member=809&queue=630")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void httpsServesTheApi() throws Exception {
        HttpResponse<String> on = pause(client, "on");
        assertEquals(200, on.statusCode(), on.body());
        assertEquals("{\"status\":\"success\",\"message\":\"Interface paused successfully\"}", on.body());
        assertTrue(door.view().membershipsOf("PJSIP/809").get("630").paused());
        assertEquals(200, pause(client, "off").statusCode());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotTalk() throws Exception {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> pause(untrusting, "on"));
        assertEquals(200, pause(client, "off").statusCode());
    }

    /** Plain HTTP on the TLS port must never be served: no JSON, just a closed connection. */
    @Test
    void plainHttpOnTheTlsPortIsNotServed() throws Exception {
        byte[] plain = Wire.post("application/x-www-form-urlencoded", Wire.utf8("state=on&member=809&queue=630"),
                HttpDoor.AUTH);
        boolean pausedBefore = door.view().membershipsOf("PJSIP/809").get("630").paused();
        try (RawHttp c = new RawHttp(door.port, 3000)) {
            c.send(plain);
            IOException e = assertThrows(IOException.class, c::read);
            assertFalse(e instanceof RawHttp.NoReply nr && nr.hang, "plain HTTP left hanging instead of closed");
        }
        assertEquals(pausedBefore, door.view().membershipsOf("PJSIP/809").get("630").paused());
        assertEquals(200, pause(client, "off").statusCode());
    }

    /** A handshake that never completes is cut off by the request deadline. */
    @Test
    void stalledHandshakeIsClosedAtTheDeadline() throws Exception {
        try (RawHttp c = new RawHttp(door.port, 4000)) {
            c.send(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01});
            assertTrue(c.closedByServer(), "half a ClientHello kept the connection open");
        }
        assertEquals(200, pause(client, "off").statusCode());
    }
}
