package org.agentpause.pbx.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake answers the recorded client bytes of a transcript exactly as Asterisk 22 did, up to
 * clock- and device-state-dependent values (LastPause, LoginTime, Timestamp, Uptime, LastReload,
 * Status, LoggedIn, Available).
 */
class FakeAmiServerTranscriptTest {

    /** Copies of the recorded Asterisk 22.10.1 sessions (see asterisk-transcripts/README.md). */
    static final Path TRANSCRIPTS = Path.of("src/test/resources/asterisk-transcripts/ami");

    @ParameterizedTest
    @ValueSource(strings = {"01-banner-login-ping-logoff", "02-login-failure-wrong-secret",
            "02-login-failure-unknown-user", "03-queuepause-pause-queue-reason",
            "04-queuepause-no-queue-member-of-two", "06-queuepause-interface-not-found",
            "12-queuestatus-all", "13-queuestatus-filter-queue", "05-queuepause-repeat-idempotence",
            "07-queuepause-missing-parameters", "08-queuepause-paused-values", "10-queuepause-reason-edge-cases",
            "14-queuestatus-filter-member", "02-action-before-login", "09-queuepause-case-local-member",
            "15-queueadd-queueremove"})
    void answersLikeAsterisk(String scenario) throws Exception {
        Path client = TRANSCRIPTS.resolve(scenario + ".client.txt");
        byte[] sent = Files.readAllBytes(client);
        String expected = Files.readString(TRANSCRIPTS.resolve(scenario + ".asterisk.txt"), StandardCharsets.UTF_8);
        try (FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues()) {
            fake.start();
            String got = exchange(fake.port(), sent);
            assertEquals(normalise(expected), normalise(got));
        }
    }

    /**
     * Pipelined actions: Asterisk publishes events from another thread, so both responses came
     * before either event; the fake answers in one stream. Same messages, order aside.
     */
    @Test
    void pipelinedActionsGetTheSameMessages() throws Exception {
        Path client = TRANSCRIPTS.resolve("11-actionid.client.txt");
        String expected = Files.readString(TRANSCRIPTS.resolve("11-actionid.asterisk.txt"), StandardCharsets.UTF_8);
        try (FakeAmiServer fake = new FakeAmiServer("pauseapi", "pauseapi-secret").withSampleQueues()) {
            fake.start();
            String got = exchange(fake.port(), Files.readAllBytes(client));
            assertEquals(messages(expected), messages(got));
        }
    }

    private static List<String> messages(String wire) {
        List<String> out = new ArrayList<>(List.of(normalise(wire).split("\r\n\r\n")));
        Collections.sort(out);
        return out;
    }

    /** Writes the client's bytes at once and reads until the fake closes (Logoff or failed login). */
    private static String exchange(int port, byte[] sent) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(sent);
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static String normalise(String wire) {
        return wire.replaceAll("(?m)^(LastPause|LoginTime|Timestamp|Uptime|LastReload|Status|LoggedIn|Available): [^\r\n]*", "$1: #");
    }
}
