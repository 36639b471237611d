package org.agentpause.reliability;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators of hostile field values, as the bytes a client would put on the wire. */
final class HostileValues {

    /** Values known to have broken parsers, AMI headers or look-alike matching somewhere. */
    static final List<String> NASTY = List.of(
        "", " ", "\r\n", "808\r\nQueue: 631", "PJSIP/808\r\n\r\nAction: QueuePause\r\nInterface: PJSIP/809",
        "808\u0000", "\u0000", "\t808", "808 ", " 808", "\uFF18\uFF10\uFF18", "\u0668\u0660\u0668",
        "\uD835\uDFD6\uD835\uDFCE\uD835\uDFD6", "\uFEFF808", "808\u200B", "\u2028", "\u0085", "\u001b[31m",
        "x\rEvent: Fake", "%00", "a;b", "a&b", "a=b", "*", "**", "../../etc/passwd", "PJSIP/", "/808",
        "\uFFFD", "on\u0000", "ON", "oN", "off ", "0", "1", "true", "null", "808;631", "808,809", "630|x",
        "lunch break", "caf\u00e9 \u4f11\u606f", "\u202Eevil", "PJSIP/808@x/n", "Local/810@from-queue/n");

    /** Byte sequences that are not UTF-8: overlong forms, surrogates, truncations, stray continuations. */
    static final List<byte[]> NOT_UTF8 = List.of(
        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xC1, (byte) 0xBF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
        new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF}, new byte[] {(byte) 0xE2, (byte) 0x82},
        new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE},
        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xC0, (byte) 0x8D, (byte) 0xC0, (byte) 0x8A}, new byte[] {'8', '0', (byte) 0xC0, (byte) 0xB8});

    /** Control characters an attacker would reach for: C0, DEL, C1, and the Unicode line separators. */
    private static final List<Character> EXTRA_CONTROLS = List.of('\u007f', '\u0085', '\u009b', '\u2028', '\u2029');

    private HostileValues() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A field value: mostly plausible, often hostile, sometimes huge or not UTF-8 at all. */
    @SuppressWarnings("unchecked")
    static Gen<byte[]> value(String... plausible) {
        Gen<String> base = Generate.pick(List.of(plausible));
        return Generate.frequency(
                org.quicktheories.api.Pair.of(4, base.map(HostileValues::utf8)),
                org.quicktheories.api.Pair.of(3, Generate.pick(NASTY).map(HostileValues::utf8)),
                org.quicktheories.api.Pair.of(2, strings().allPossible().ofLengthBetween(0, 40).map(HostileValues::utf8)),
                org.quicktheories.api.Pair.of(2, strings().betweenCodePoints(0, 0xff).ofLengthBetween(0, 20)
                        .map(HostileValues::utf8)),
                org.quicktheories.api.Pair.of(2, base.zip(Generate.pick(NOT_UTF8), integers().between(0, 8),
                        HostileValues::splice)),
                org.quicktheories.api.Pair.of(1, strings().betweenCodePoints('0', '9').ofLengthBetween(70, 6000)
                        .map(HostileValues::utf8)),
                org.quicktheories.api.Pair.of(2, base.zip(control(), integers().between(0, 8),
                        (p, c, at) -> splice(p, utf8(String.valueOf(c)), at))));
    }

    /** The same, absent ({@code null}) in about {@code percentAbsent}% of cases. */
    static Gen<byte[]> optional(int percentAbsent, String... plausible) {
        return Generate.range(0, 99).zip(value(plausible), (n, v) -> n < percentAbsent ? null : v);
    }

    private static Gen<Character> control() {
        Gen<Character> c0 = integers().between(0, 0x1f).map(i -> (char) i.intValue());
        return c0.mix(Generate.pick(EXTRA_CONTROLS), 30);
    }

    private static byte[] splice(String base, byte[] insert, int at) {
        return splice(utf8(base), insert, at);
    }

    static byte[] splice(byte[] base, byte[] insert, int at) {
        int pos = Math.min(at, base.length);
        byte[] out = new byte[base.length + insert.length];
        System.arraycopy(base, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(base, pos, out, pos + insert.length, base.length - pos);
        return out;
    }
}
