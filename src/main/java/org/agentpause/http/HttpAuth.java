package org.agentpause.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.agentpause.auth.TokenAuthenticator;

/**
 * Finds the token in {@code Authentication: T} (CooCenter's header), {@code Authorization: T}
 * or {@code Authorization: Bearer T}, and asks the authenticator who it belongs to.
 */
final class HttpAuth {

    /** Either an actor label or the problem to report in the 401 body. */
    record Result(String actor, String problem) {
    }

    private static final String AUTHENTICATION = "Authentication";
    private final TokenAuthenticator authenticator;

    HttpAuth(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    Result check(HttpHeaders headers) {
        String token = headers.get(AUTHENTICATION);
        if (token == null) {
            token = headers.get(HttpHeaderNames.AUTHORIZATION);
            if (token != null && token.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = token.substring(7);
            }
        }
        if (token == null || token.isBlank()) {
            return new Result(null, "Authentication: token missing; send it in the Authentication"
                    + " header (or Authorization: Bearer)");
        }
        return authenticator.actorFor(token.strip())
                .map(actor -> new Result(actor, null))
                .orElseGet(() -> new Result(null, "Authentication: token not accepted"));
    }
}
