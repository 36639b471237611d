package org.agentpause.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.agentpause.config.StaticToken;

/**
 * Checks an API token against the static tokens and, when a WEBKEY is set, CooCenter's daily
 * token {@code md5(WEBKEY + "YYYY-MM-DD")} for yesterday, today and tomorrow (clock skew).
 * Every candidate is compared in constant time, and all are compared, so timing reveals nothing.
 */
public final class TokenAuthenticator {

    /** Label logged as the actor for a valid daily WEBKEY token. */
    public static final String WEBKEY_ACTOR = "webkey";

    private final List<StaticToken> tokens;
    private final byte[] webkey;
    private final Clock clock;

    public TokenAuthenticator(List<StaticToken> tokens, String webkey, Clock clock) {
        this.tokens = List.copyOf(tokens);
        this.webkey = webkey == null || webkey.isEmpty() ? null : webkey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /**
     * The actor label for a presented token, or empty when it matches nothing.
     *
     * @param presented the token as the client sent it (without any {@code Bearer } prefix)
     */
    public Optional<String> actorFor(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        String actor = null;
        for (StaticToken t : tokens) {
            if (MessageDigest.isEqual(given, t.secret().getBytes(StandardCharsets.UTF_8)) && actor == null) {
                actor = t.label();
            }
        }
        if (webkey != null) {
            LocalDate today = LocalDate.now(clock);
            for (LocalDate day : List.of(today.minusDays(1), today, today.plusDays(1))) {
                if (MessageDigest.isEqual(given, dailyToken(day)) && actor == null) {
                    actor = WEBKEY_ACTOR;
                }
            }
        }
        return Optional.ofNullable(actor);
    }

    /** CooCenter's daily token for a date: lower-case hex of md5(WEBKEY + "YYYY-MM-DD"). */
    private byte[] dailyToken(LocalDate day) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(webkey);
            md5.update(day.toString().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md5.digest()).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide MD5", e);
        }
    }

    /** The same computation for callers (tests, the README's example) that know the WEBKEY. */
    public static String dailyToken(String webkey, LocalDate day) {
        return new String(new TokenAuthenticator(List.of(), webkey, Clock.systemDefaultZone())
                .dailyToken(day), StandardCharsets.US_ASCII);
    }
}
