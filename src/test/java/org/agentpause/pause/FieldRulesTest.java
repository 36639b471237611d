package org.agentpause.pause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FieldRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"808", "PJSIP/808", "Local/810@from-queue/n", "SIP/agent.1", "a_b-c+d"})
    void acceptsExtensionsAndInterfaces(String member) throws Exception {
        assertEquals(member, FieldRules.member(member));
    }

    @ParameterizedTest
    @ValueSource(strings = {" 808", "808 ", "８０８", "808\r\nQueue: 631", "808\n", "80\u00008", "8 08",
            "808;rm", "/808", "PJSIP/", "808\u2028", "\u0661\u0662"})
    void refusesMembersOutsideTheSafeSetNamingTheField(String member) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FieldRules.member(member));
        assertEquals("member", e.field());
        assertTrue(e.getMessage().startsWith("member: "), e.getMessage());
    }

    @Test
    void refusesMissingEmptyAndOverlongMember() {
        assertEquals("member: is required",
                assertThrows(InvalidInputException.class, () -> FieldRules.member(null)).getMessage());
        assertEquals("member: must not be empty",
                assertThrows(InvalidInputException.class, () -> FieldRules.member("")).getMessage());
        assertThrows(InvalidInputException.class, () -> FieldRules.member("8".repeat(81)));
    }

    @Test
    void controlCharacterErrorSaysWhichAndWhere() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FieldRules.queue("630\r\nAction: Ping"));
        assertTrue(e.getMessage().contains("U+000D at position 3"), e.getMessage());
    }

    @Test
    void starAndAbsentQueueMeanEveryQueue() throws Exception {
        assertNull(FieldRules.queue("*"));
        assertNull(FieldRules.queue(null));
        assertEquals("630", FieldRules.queue("630"));
        assertThrows(InvalidInputException.class, () -> FieldRules.queue(""));
        assertThrows(InvalidInputException.class, () -> FieldRules.queue("63 0"));
        assertThrows(InvalidInputException.class, () -> FieldRules.queue("**"));
    }

    @Test
    void reasonIsLimitedTo79BytesOfUtf8NotCharacters() throws Exception {
        assertEquals("x".repeat(79), FieldRules.reason("x".repeat(79)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FieldRules.reason("x".repeat(80)));
        assertTrue(e.getMessage().contains("80 bytes"), e.getMessage());
        // 27 three-byte characters = 81 bytes, although only 27 characters.
        assertThrows(InvalidInputException.class, () -> FieldRules.reason("午".repeat(27)));
        assertEquals("午餐 | lunch", FieldRules.reason("午餐 | lunch"));
        assertEquals("", FieldRules.reason(null));
        // Printable characters beyond the BMP are text like any other.
        assertEquals("break \uD83C\uDF54", FieldRules.reason("break \uD83C\uDF54"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0645\u06CC\u200C\u0631\u0648\u0645", // Persian "I go": needs the zero-width non-joiner
            "coding \uD83D\uDC69\u200D\uD83D\uDCBB", // woman technologist: a zero-width joiner sequence
            "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F", // flag: tag characters
            "coffee \u2615\uFE0F", "melting \uD83E\uDEE0", // a variation selector; an emoji newer than Java 17's Unicode
            "\u05E9\u05DC\u05D5\u05DD\u200F 808", "soft\u00ADhyphen", "icon \uE000"})
    void reasonKeepsJoinersMarksTagsAndNewerCharacters(String reason) throws Exception {
        assertEquals(reason, FieldRules.reason(reason));
    }

    @Test
    void anInvisibleCharacterIsNamedByCodePointAndPosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FieldRules.reason("ok\u202Eevil"));
        assertEquals("reason: contains invisible character U+202E at position 2 (a bidi override or isolate,"
                + " zero-width space, word joiner, byte-order mark or noncharacter)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\rEvent: Fake", "a\nb", "tab\there", "nul\u0000", "del\u007f", "c1\u0085",
            "lone\uD800", "bad\uFFFD", "\u202Eevil", "\u2066isolated\u2069", "zero\u200Bwidth", "word\u2060joiner",
            "\uFEFFbom", "non\uFFFEcharacter", "non\uFDD0character", "plane 1 non\uD83F\uDFFFcharacter"})
    void reasonRefusesControlCharactersAndBrokenText(String reason) {
        assertEquals("reason", assertThrows(InvalidInputException.class, () -> FieldRules.reason(reason)).field());
    }

    @Test
    void stateIsOnOrOffCaseInsensitiveAndNothingElse() throws Exception {
        assertEquals(Action.PAUSE, FieldRules.state("on"));
        assertEquals(Action.PAUSE, FieldRules.state("ON"));
        assertEquals(Action.UNPAUSE, FieldRules.state("Off"));
        for (String bad : new String[] {"of", "true", "1", "yes", "on ", "paused", ""}) {
            assertEquals("state", assertThrows(InvalidInputException.class, () -> FieldRules.state(bad)).field(), bad);
        }
    }
}
