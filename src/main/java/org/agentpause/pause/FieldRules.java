package org.agentpause.pause;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validation shared by both doors. Every value checked here may end up in an AMI header, where
 * a CR or LF would inject headers or whole actions, so the rules are strict allow-lists.
 */
public final class FieldRules {

    /** Asterisk keeps at most 79 bytes of a reason; longer is refused, never silently cut. */
    public static final int REASON_MAX_BYTES = 79;
    public static final int NAME_MAX = 80;

    /** ASCII only, so look-alike digits (e.g. full-width) never match an extension. */
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,79}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9]{1,16}/[A-Za-z0-9_.+@/:-]{1,63}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,79}");

    private FieldRules() {
    }

    /** An extension such as {@code 808}, or a full interface such as {@code PJSIP/808}. */
    public static String member(String value) throws InvalidInputException {
        String v = required("member", value);
        if (!EXTENSION.matcher(v).matches() && !INTERFACE.matcher(v).matches()) {
            throw new InvalidInputException("member", "must be an extension such as 808 or an interface"
                    + " such as PJSIP/808: at most " + NAME_MAX + " characters of A-Z a-z 0-9 _ . + -");
        }
        return v;
    }

    /** A queue name, or {@code null} for every queue the member is in ({@code *} means the same). */
    public static String queue(String value) throws InvalidInputException {
        if (value == null || value.equals("*")) {
            return null;
        }
        String v = required("queue", value);
        if (!QUEUE.matcher(v).matches()) {
            throw new InvalidInputException("queue", "must be a queue name of at most " + NAME_MAX
                    + " characters of A-Z a-z 0-9 _ . + -, or * for every queue the member is in");
        }
        return v;
    }

    /** An optional pause reason: printable UTF-8, at most 79 bytes. */
    public static String reason(String value) throws InvalidInputException {
        if (value == null || value.isEmpty()) {
            return "";
        }
        checkPrintable("reason", value);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > REASON_MAX_BYTES) {
            throw new InvalidInputException("reason", "is " + bytes + " bytes of UTF-8; Asterisk keeps at most "
                    + REASON_MAX_BYTES);
        }
        return value;
    }

    /**
     * CooCenter's {@code state}: {@code on} pauses, {@code off} unpauses, case-insensitive. Anything
     * else is refused, because Asterisk would read a typo such as {@code of} as "unpause".
     */
    public static Action state(String value) throws InvalidInputException {
        String v = required("state", value);
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on" -> Action.PAUSE;
            case "off" -> Action.UNPAUSE;
            default -> throw new InvalidInputException("state", "must be 'on' (pause) or 'off' (unpause)");
        };
    }

    private static String required(String field, String value) throws InvalidInputException {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        checkPrintable(field, value);
        return value;
    }

    private static void checkPrintable(String field, String value) throws InvalidInputException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidInputException(field, String.format(
                        "contains control character U+%04X at position %d; CR, LF and other control"
                                + " characters are not allowed", (int) c, i));
            }
            if (Character.isSurrogate(c) && !validPair(value, i)) {
                throw new InvalidInputException(field, "is not valid UTF-8");
            }
            if (c == '\uFFFD') {
                // The decoder's replacement character: the client sent bytes that are not UTF-8.
                throw new InvalidInputException(field, "is not valid UTF-8");
            }
            int cp = value.codePointAt(i);
            if (invisible(cp)) {
                // Bidi overrides and zero-width spaces make a reason print as something else in
                // the queue_log, the CLI and wallboards. Joiners (ZWJ, ZWNJ), direction marks,
                // variation selectors and tags stay: Persian, Indic scripts and emoji need them.
                throw new InvalidInputException(field, String.format(
                        "contains invisible character U+%04X at position %d (a bidi override or isolate,"
                                + " zero-width space, word joiner, byte-order mark or noncharacter)", cp, i));
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
    }

    /** Bidi embeddings, overrides and isolates; zero-width space, word joiner, BOM; noncharacters. */
    private static boolean invisible(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
