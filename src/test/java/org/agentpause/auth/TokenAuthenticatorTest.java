package org.agentpause.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.agentpause.config.StaticToken;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZONE);
    private final TokenAuthenticator auth = new TokenAuthenticator(
            List.of(new StaticToken("crm", "0123456789abcdef0123")), "secretkey", clock);

    @Test
    void staticTokenYieldsItsLabel() {
        assertEquals(Optional.of("crm"), auth.actorFor("0123456789abcdef0123"));
        assertTrue(auth.actorFor("0123456789abcdef012").isEmpty());
        assertTrue(auth.actorFor("0123456789abcdef01234").isEmpty());
        assertTrue(auth.actorFor("").isEmpty());
    }

    @Test
    void dailyWebkeyTokenMatchesCooCentersFormula() {
        // md5("secretkey2026-12-03"), computed independently with `printf %s secretkey2026-12-03 | md5sum`.
        assertEquals("27f9dcba134a04cfc2caf0baa048d7b2", TokenAuthenticator.dailyToken("secretkey",
                LocalDate.of(2026, 12, 3)));
        assertEquals(Optional.of("webkey"), auth.actorFor(TokenAuthenticator.dailyToken("secretkey",
                LocalDate.of(2026, 12, 3))));
    }

    @Test
    void yesterdayAndTomorrowAreAcceptedButNotTwoDaysAway() {
        LocalDate today = LocalDate.now(clock);
        assertEquals(Optional.of("webkey"), auth.actorFor(TokenAuthenticator.dailyToken("secretkey", today.minusDays(1))));
        assertEquals(Optional.of("webkey"), auth.actorFor(TokenAuthenticator.dailyToken("secretkey", today.plusDays(1))));
        assertTrue(auth.actorFor(TokenAuthenticator.dailyToken("secretkey", today.minusDays(2))).isEmpty());
        assertTrue(auth.actorFor(TokenAuthenticator.dailyToken("secretkey", today.plusDays(2))).isEmpty());
        assertTrue(auth.actorFor(TokenAuthenticator.dailyToken("otherkey", today)).isEmpty());
        assertTrue(auth.actorFor(TokenAuthenticator.dailyToken("secretkey", today).toUpperCase()).isEmpty());
    }

    @Test
    void theServersLocalDateDecides() {
        // 2026-12-03T20:00Z is already 2026-12-04 in Shanghai.
        TokenAuthenticator late = new TokenAuthenticator(List.of(), "k",
                Clock.fixed(Instant.parse("2026-12-03T20:00:00Z"), ZONE));
        assertEquals(Optional.of("webkey"), late.actorFor(TokenAuthenticator.dailyToken("k", LocalDate.of(2026, 12, 5))));
        assertTrue(late.actorFor(TokenAuthenticator.dailyToken("k", LocalDate.of(2026, 12, 2))).isEmpty());
    }
}
