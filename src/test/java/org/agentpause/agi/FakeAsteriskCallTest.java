package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test client really behaves like Asterisk 22: checked against the recorded transcripts. */
class FakeAsteriskCallTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = FakeAsteriskCallTest.class.getResourceAsStream("/asterisk-transcripts/agi/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String environmentOf(String asteriskBytes) {
        return asteriskBytes.substring(0, asteriskBytes.indexOf("\n\n") + 2);
    }

    @Test
    void environmentOfTheStar46CallIsByteIdentical() throws Exception {
        String env = FakeAsteriskCall.to("127.0.0.1", 4573).script("agent-pause/toggle")
                .channel("Local/*46@agent-features-00000005;2").callerId("808", "Agent 808")
                .dialplan("agent-features", "*46", 2).ids("1796323101.12", "140484940175040").environment();
        assertEquals(environmentOf(fixture("06-fastagi-feature-46-pause.asterisk.txt")), env);
    }

    @Test
    void environmentWithQueryStringAndArgumentsIsByteIdentical() throws Exception {
        String env = FakeAsteriskCall.to("127.0.0.1", 4574).script("capture/path?x=1&y=2")
                .channel("Local/s@agi-capture-00000000;2").dialplan("agi-capture", "s", 3)
                .ids("1796323085.2", "140484939663040").args("arg1", "arg2").environment();
        assertEquals(environmentOf(fixture("01-fastagi-capture-path.asterisk.txt")), env);
    }

    /** Replays what the recording server sent and compares our answers with Asterisk's, HANGUP lines aside. */
    private static void assertReplayMatches(String name, Map<String, String> appState, int hangUpAfter)
            throws IOException {
        AsteriskChannelState state = new AsteriskChannelState("Local/x@agi-capture-00000001;2", "808",
                "Agent 808", appState);
        List<String> commands = Arrays.asList(fixture(name + ".agiserver.txt").split("\n"));
        StringBuilder ours = new StringBuilder();
        for (int i = 0; i < commands.size(); i++) {
            ours.append(state.answer(commands.get(i)));
            if (i + 1 == hangUpAfter) {
                state.hangUp();
            }
        }
        String theirs = fixture(name + ".asterisk.txt");
        List<String> expected = new ArrayList<>();
        for (String line : theirs.substring(theirs.indexOf("\n\n") + 2).split("\n")) {
            if (!line.equals("HANGUP")) {
                expected.add(line);
            }
        }
        assertEquals(String.join("\n", expected), ours.toString().strip());
    }

    @Test
    void answersLikeAsteriskIncludingDeadChannel511s() throws Exception {
        // The values app_queue would have produced; the client plays the protocol, not app_queue.
        assertReplayMatches("02-fastagi-hangup-while-idle", Map.of("UPQMSTATUS", "UNPAUSED"), 1);
    }

    @Test
    void answersTheStar46ConversationLikeAsterisk() throws Exception {
        assertReplayMatches("06-fastagi-feature-46-pause",
                Map.of("QUEUE_MEMBER(630,paused,PJSIP/808)", "0", "PQMSTATUS", "PAUSED"), -1);
    }

    @Test
    void unknownCommandsAndMissingArgumentsAnswerAsAsteriskDoes() {
        AsteriskChannelState state = new AsteriskChannelState("PJSIP/808-1", "808", "Agent 808", Map.of());
        assertEquals("510 Invalid or unknown command\n", state.answer("FOO BAR"));
        String usage = state.answer("GET VARIABLE");
        assertTrue(usage.startsWith("520-Invalid command syntax.  Proper usage follows:\n"));
        assertTrue(usage.endsWith("520 End of proper usage.\n"));
        assertEquals("200 result=0\n", state.answer("GET VARIABLE NO_SUCH_VARIABLE"));
        assertEquals("200 result=1 (PJSIP/808-1)\n", state.answer("GET FULL VARIABLE ${CHANNEL}"));
    }

    @Test
    void quotedArgumentsAreSplitAsAsteriskParsesThem() {
        assertEquals(List.of("SET", "VARIABLE", "AGENTPAUSE_REASON", "lunch \"break\""),
                AgiCommandLine.words("SET VARIABLE \"AGENTPAUSE_REASON\" \"lunch \\\"break\\\"\""));
        assertEquals(List.of("SET", "VARIABLE", "AGENTPAUSE_QUEUES", ""),
                AgiCommandLine.words("SET VARIABLE \"AGENTPAUSE_QUEUES\" \"\""));
    }
}
