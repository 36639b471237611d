package org.agentpause.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agentpause.pause.Outcome;
import org.agentpause.pause.PauseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CI has no Asterisk: {@code dialplan/agent-pause.conf} is checked against the contract instead. */
class DialplanContractTest {

    /** Every prompt name in Asterisk's core English sounds 1.6.1, listed from Debian's package. */
    private static Set<String> coreSounds;

    private static String text;
    /** Context name → its non-comment lines. */
    private static final Map<String, List<String>> contexts = new LinkedHashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        try (var in = DialplanContractTest.class.getResourceAsStream("/asterisk-core-sounds-en-1.6.1.txt")) {
            coreSounds = Set.copyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.startsWith("#")).toList());
        }
        text = Files.readString(Path.of("dialplan", "agent-pause.conf"));
        String current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
                contexts.put(current, new ArrayList<>());
            } else {
                assertTrue(current != null, "line outside a context: " + line);
                contexts.get(current).add(line);
            }
        }
    }

    private static List<String> lines(String context) {
        List<String> l = contexts.get(context);
        assertTrue(l != null, "context [" + context + "] missing; have " + contexts.keySet());
        return l;
    }

    private static String featureFor(String exten) {
        for (String line : lines("agent-pause-features")) {
            if (line.startsWith("exten => " + exten + ",1,")) {
                return line;
            }
        }
        throw new AssertionError("no extension " + exten + " in [agent-pause-features]");
    }

    @Test
    void featureCodesCallTheRightScriptWithTheRightOptions() {
        assertTrue(featureFor("*46").contains("(toggle,,)"));
        assertTrue(featureFor("_*46X.").contains("(toggle,${FILTER(0-9,${EXTEN:3})},)"), "*46<queue>");
        assertTrue(featureFor("_*46X").contains("(toggle,${FILTER(0-9,${EXTEN:3})},)"), "*46<one-digit queue>");
        assertTrue(featureFor("_*46*X").contains("(toggle,,)"), "a one-digit agent's BLF key");
        assertTrue(featureFor("_*47X").contains("(on,,${FILTER(0-9,${EXTEN:3})})"), "*47<one-digit code>");
        assertTrue(featureFor("_*46*X.").contains("(toggle,,)"), "the BLF key's extension");
        assertTrue(featureFor("*47").contains("(on,,)"));
        assertTrue(featureFor("_*47X.").contains("(on,,${FILTER(0-9,${EXTEN:3})})"), "*47<reason code>");
        assertTrue(featureFor("*48").contains("(status,,)"));
        assertTrue(featureFor("*49").contains("(off,,)"));
    }

    /** Asterisk's pattern rules: X digit, Z 1-9, N 2-9, [..] a set, '.' one or more, '!' zero or more. */
    private static Pattern asteriskPattern(String exten) {
        if (!exten.startsWith("_")) {
            return Pattern.compile(Pattern.quote(exten));
        }
        StringBuilder re = new StringBuilder();
        for (int i = 1; i < exten.length(); i++) {
            char c = exten.charAt(i);
            switch (c) {
                case 'X' -> re.append("[0-9]");
                case 'Z' -> re.append("[1-9]");
                case 'N' -> re.append("[2-9]");
                case '.' -> re.append(".+");
                case '!' -> re.append(".*");
                case '[' -> {
                    int end = exten.indexOf(']', i);
                    re.append(exten, i, end + 1);
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Test
    void everyDocumentedCodeMatchesExactlyOneExtension() {
        List<String> extens = lines("agent-pause-features").stream().filter(l -> l.startsWith("exten => "))
                .map(l -> l.substring("exten => ".length(), l.indexOf(','))).distinct().toList();
        Map<String, String> dialled = Map.of("*46", "*46", "*465", "_*46X", "*46630", "_*46X.",
                "*471", "_*47X", "*4712", "_*47X.", "*47", "*47", "*48", "*48", "*49", "*49",
                "*46*5", "_*46*X", "*46*808", "_*46*X.");
        dialled.forEach((digits, expected) -> {
            List<String> matching = extens.stream().filter(e -> asteriskPattern(e).matcher(digits).matches()).toList();
            assertEquals(List.of(expected), matching, "what " + digits + " reaches");
        });
    }

    @Test
    void theAgiCallUsesTheFixedScriptNamesAndOptionNames() {
        String agi = lines("agent-pause-run").stream().filter(l -> l.contains("AGI(")).findFirst().orElseThrow();
        assertTrue(agi.contains("AGI(${url}/agent-pause/${ARG1},queue=${ARG2},reason=${ARG3})"), agi);
        Matcher m = Pattern.compile("\\((toggle|on|off|status),").matcher(text);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add("agent-pause/" + m.group(1));
        }
        assertEquals(new TreeSet<>(List.of(FastAgiDoor.TOGGLE, FastAgiDoor.ON, FastAgiDoor.OFF, FastAgiDoor.STATUS)),
                used, "every script the dialplan names must exist in the server, and each is offered");
    }

    @Test
    void agiUrlDefaultsAtUseTimeSoAnAdminGlobalWins() {
        assertFalse(contexts.containsKey("globals"), "a [globals] here could override the admin's own value");
        List<String> run = lines("agent-pause-run");
        assertTrue(run.get(0).contains("Set(LOCAL(url)=${AGENTPAUSE_AGI_URL})"), run.get(0));
        assertTrue(run.stream().anyMatch(l -> l.contains("GotoIf($[\"${url}\" != \"\"]?haveurl)")));
        assertTrue(run.stream().anyMatch(l -> l.contains("Set(LOCAL(url)=agi://127.0.0.1:4573)")));
        assertFalse(text.contains("${IF("), "IF() would split agi://host:port at its colons");
        int set = indexOf(run, "Set(LOCAL(url)=agi://");
        int agi = indexOf(run, "AGI(");
        assertTrue(indexOf(run, "(haveurl)") > set && indexOf(run, "(haveurl)") < agi);
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + fragment);
    }

    @Test
    void readsOnlyVariablesTheServerSetsAndHandlesEveryStatus() {
        Matcher m = Pattern.compile("\\$\\{(AGENTPAUSE_[A-Z_]+)}").matcher(text);
        Set<String> read = new TreeSet<>();
        while (m.find()) {
            read.add(m.group(1));
        }
        read.remove("AGENTPAUSE_AGI_URL");
        Set<String> set = ResultVariables.of(PauseResult.of(Outcome.PAUSED)).keySet();
        assertTrue(set.containsAll(read), "dialplan reads " + read + " but the server sets " + set);
        assertTrue(read.containsAll(Set.of("AGENTPAUSE_STATUS", "AGENTPAUSE_QUEUE_COUNT", "AGENTPAUSE_PAUSED_COUNT")));
        for (String status : List.of("PAUSED", "UNPAUSED", "NOTFOUND")) {
            assertTrue(text.contains("\"${AGENTPAUSE_STATUS}\" = \"" + status + "\""), status);
        }
        assertTrue(text.contains("Set(AGENTPAUSE_STATUS=)"), "a stale status from an earlier press must be cleared");
    }

    @Test
    void serverDownOrAnyOtherResultPlaysTheErrorPrompt() {
        List<String> run = lines("agent-pause-run");
        int agi = indexOf(run, "AGI(");
        assertTrue(run.get(agi + 1).contains("GotoIf($[\"${AGISTATUS}\" != \"SUCCESS\"]?error)"), run.get(agi + 1));
        // Falling through every known status lands on the error prompt (UNAVAILABLE, ERROR, INVALID, empty).
        int error = indexOf(run, "(error),");
        assertTrue(run.get(error).contains("Playback(im-sorry&please-try-again)"));
        assertTrue(run.get(error - 1).contains("NOTFOUND"), "the error label follows the last known status test");
    }

    @Test
    void confirmationsOnlyForRealChangesAndDistinctPrompts() {
        List<String> run = lines("agent-pause-run");
        assertTrue(run.get(indexOf(run, "(paused),")).contains("Playback(beep&agent-loggedoff)"));
        assertTrue(run.get(indexOf(run, "(unpaused),")).contains("Playback(beep&agent-loginok)"));
        assertTrue(run.get(indexOf(run, "(notfound),")).contains("Playback(pbx-invalid)"));
        assertTrue(text.contains("SayNumber(${AGENTPAUSE_QUEUE_COUNT})"));
        assertTrue(text.contains("SayNumber(${AGENTPAUSE_PAUSED_COUNT})"));
    }

    @Test
    void everyPromptShipsWithAsteriskCoreEnglishSounds() {
        Matcher m = Pattern.compile("Playback\\(([^)]*)\\)").matcher(text);
        int seen = 0;
        while (m.find()) {
            for (String prompt : m.group(1).split("&")) {
                assertTrue(coreSounds.contains(prompt), "prompt not in core-sounds-en: " + prompt);
                seen++;
            }
        }
        assertTrue(seen >= 5);
    }

    @Test
    void everyGotoIfTargetIsALabel() {
        Set<String> labels = new TreeSet<>();
        Matcher l = Pattern.compile("same => n\\(([a-z]+)\\)").matcher(text);
        while (l.find()) {
            labels.add(l.group(1));
        }
        Matcher g = Pattern.compile("GotoIf\\([^?]*\\?([a-z]+)\\)").matcher(text);
        int n = 0;
        while (g.find()) {
            assertTrue(labels.contains(g.group(1)), "GotoIf to missing label " + g.group(1));
            n++;
        }
        assertTrue(n >= 8);
    }
}
