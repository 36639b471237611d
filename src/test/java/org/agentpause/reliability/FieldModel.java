package org.agentpause.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An independent statement of the input rules (issue 2), used as the fuzz oracle: which field
 * values the door must refuse. Written from the rules, not from the production validator.
 */
final class FieldModel {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,79}");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9]{1,16}/[A-Za-z0-9_.+@/:-]{1,63}");

    private FieldModel() {
    }

    /** Code points that would print as nothing or rearrange the text around them. */
    private static final java.util.Set<Integer> INVISIBLE = java.util.Set.of(0x202A, 0x202B, 0x202C, 0x202D,
            0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x2060, 0xFEFF);

    /**
     * The raw bytes decode as UTF-8 and every code point is printable text: no control, line or
     * paragraph separator, bidi control, zero-width space, word joiner, BOM or noncharacter.
     */
    static boolean clean(byte[] raw) {
        String s = Wire.strictUtf8(raw);
        if (s == null) {
            return false;
        }
        return s.codePoints().allMatch(cp -> cp != 0xFFFD && !INVISIBLE.contains(cp)
                && !(cp >= 0xFDD0 && cp <= 0xFDEF) && cp % 0x10000 < 0xFFFE
                && switch (Character.getType(cp)) {
                    case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                            Character.SURROGATE -> false;
                    default -> true;
                });
    }

    static boolean stateOk(byte[] raw) {
        if (raw == null || !clean(raw)) {
            return false;
        }
        String s = new String(raw, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return s.equals("on") || s.equals("off");
    }

    static boolean memberOk(byte[] raw) {
        if (raw == null || !clean(raw)) {
            return false;
        }
        String s = new String(raw, StandardCharsets.UTF_8);
        return NAME.matcher(s).matches() || IFACE.matcher(s).matches();
    }

    static boolean queueOk(byte[] raw) {
        if (raw == null || !clean(raw)) {
            return false;
        }
        String s = new String(raw, StandardCharsets.UTF_8);
        return s.equals("*") || NAME.matcher(s).matches();
    }

    static boolean reasonOk(byte[] raw) {
        return raw == null || raw.length == 0 || (clean(raw) && raw.length <= 79);
    }
}
