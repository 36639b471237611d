package org.agentpause.agi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One channel as Asterisk 22's res_agi sees it: its variables, whether the caller hung up, and the
 * reply to each AGI command, with the reply texts taken from {@code asterisk-transcripts/agi/}.
 */
public final class AsteriskChannelState {

    /** Commands that need a live channel: after a hangup they answer 511 (transcript 02). */
    private static final Set<String> MEDIA = Set.of("ANSWER", "STREAM", "CONTROL", "SAY", "GET DATA",
            "GET OPTION", "WAIT", "RECORD", "SET MUSIC", "SPEECH");
    private static final Pattern FULL_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private final String channel;
    private final String callerIdNumber;
    private final String callerIdName;
    private final Map<String, String> variables;
    private volatile boolean dead;

    /** A live channel with the given name, caller ID and variables. */
    public AsteriskChannelState(String channel, String callerIdNumber, String callerIdName,
                                Map<String, String> variables) {
        this.channel = channel;
        this.callerIdNumber = callerIdNumber;
        this.callerIdName = callerIdName;
        this.variables = new LinkedHashMap<>(variables);
    }

    /** The caller hung up: from now on media commands answer 511. */
    public void hangUp() {
        dead = true;
    }

    public boolean dead() {
        return dead;
    }

    /** A snapshot of the channel variables. */
    public synchronized Map<String, String> variables() {
        return new LinkedHashMap<>(variables);
    }

    /** Asterisk's reply to one command line, LF-terminated (multi-line for a 520). */
    public synchronized String answer(String line) {
        List<String> w = AgiCommandLine.words(line);
        String verb = w.isEmpty() ? "" : w.get(0).toUpperCase(Locale.ROOT);
        String two = w.size() > 1 ? verb + " " + w.get(1).toUpperCase(Locale.ROOT) : verb;
        if (dead && (MEDIA.contains(verb) || MEDIA.contains(two))) {
            return FakeAsteriskCall.DEAD_CHANNEL + "\n";
        }
        switch (two) {
            case "GET VARIABLE":
                return w.size() < 3 ? usage() : valueReply(lookup(w.get(2)));
            case "GET FULL":
                return w.size() < 4 ? usage() : valueReply(expand(w.get(3)));
            case "SET VARIABLE":
                if (w.size() < 4) {
                    return usage();
                }
                variables.put(w.get(2), w.get(3));
                return "200 result=1\n";
            case "STREAM FILE":
                return "200 result=0 endpos=3520\n";
            default:
                break;
        }
        return switch (verb) {
            case "EXEC" -> w.size() < 2 ? usage() : "200 result=0\n";
            case "NOOP" -> "200 result=0\n";
            case "VERBOSE" -> "200 result=1\n";
            case "ANSWER" -> "200 result=0\n";
            case "HANGUP" -> {
                dead = true;
                yield "200 result=1\n";
            }
            case "CHANNEL" -> "200 result=6\n";
            default -> MEDIA.contains(verb) || MEDIA.contains(two) ? "200 result=0\n"
                    : "510 Invalid or unknown command\n";
        };
    }

    private static String valueReply(String value) {
        return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
    }

    private String lookup(String name) {
        return switch (name) {
            case "CALLERID(num)" -> callerIdNumber;
            case "CALLERID(name)" -> callerIdName;
            case "CHANNEL" -> channel;
            case "CALLERID(all)" -> callerIdNumber == null ? null
                    : "\"" + callerIdName + "\" <" + callerIdNumber + ">";
            default -> variables.get(name);
        };
    }

    private String expand(String expression) {
        Matcher m = FULL_VAR.matcher(expression);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = lookup(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String usage() {
        return "520-Invalid command syntax.  Proper usage follows:\n"
                + "Returns <literal>0</literal> if <replaceable>variablename</replaceable> is not set.\n"
                + "520 End of proper usage.\n";
    }
}
