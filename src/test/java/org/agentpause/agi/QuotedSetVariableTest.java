package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.junit.jupiter.api.Test;

/** Our SET VARIABLE and GET VARIABLE must put exactly the library's bytes on the wire, whatever the value. */
class QuotedSetVariableTest {

    private static final List<String> VALUES = Arrays.asList(null, "", "PAUSED", "630,631", "lunch break",
            "say \"hi\"", "back\\slash", "\\\"", "two\nlines", "cr\ronly", "crlf\r\n", "\n\n", "午餐 ☕",
            "a|b|c", "$%{}[]", "trailing\\", "\"", "\\n is not a line feed");

    @Test
    void quotesEveryValueExactlyAsAsteriskJavaDoes() {
        for (String name : List.of("AGENTPAUSE_STATUS", "DEVICE_STATE(Custom:PAUSE808)")) {
            for (String value : VALUES) {
                assertEquals(new SetVariableCommand(name, value).buildCommand(),
                        new QuotedSetVariable(name, value).buildCommand(), "value " + value);
            }
        }
    }

    @Test
    void getVariableIsQuotedExactlyAsAsteriskJavaDoesToo() {
        for (String name : VALUES) {
            assertEquals(new GetVariableCommand(name).buildCommand(), new QuotedGetVariable(name).buildCommand(),
                    "name " + name);
        }
    }

    @Test
    void theResultIsOneQuotedLineWithTheLineFeedDropped() {
        assertEquals("SET VARIABLE \"AGENTPAUSE_MESSAGE\" \"a \\\"b\\\" c\\\\de\"",
                new QuotedSetVariable("AGENTPAUSE_MESSAGE", "a \"b\" c\\d\ne").buildCommand());
    }
}
