package org.agentpause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar agent-pause.jar hints --config FILE}: hint lines for the configured backend's members. */
class MainHintsTest {

    @Test
    void printsHintsForTheMembershipOfTheConfiguredBackend(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("agent-pause.properties");
        Files.writeString(config, "simulated.queues=700:PJSIP/201,PJSIP/202;701:PJSIP/201\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = HintsCommand.run(new String[] {"--config", config.toString()}, new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertEquals(0, code);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("exten => *46*201,hint,Queue:700_pause_PJSIP/201&Queue:701_pause_PJSIP/201\n"), text);
        assertTrue(text.contains("exten => *46*202,hint,Queue:700_pause_PJSIP/202\n"), text);
    }

    @Test
    void badArgumentsAndBadConfigAreUsageErrors(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(2, HintsCommand.run(new String[] {"--bogus"}, ps));
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "no.such.key=1\n");
        assertEquals(2, HintsCommand.run(new String[] {"--config", config.toString()}, ps));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
