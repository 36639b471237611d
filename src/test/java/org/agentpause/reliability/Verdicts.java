package org.agentpause.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;

/** The shared verdicts: what every reply of the door must look like, whatever was sent. */
final class Verdicts {

    /** Statuses a refusal may carry; anything else (5xx above all) is a defect. */
    static final Set<Integer> REFUSALS = Set.of(400, 401, 404, 405, 413, 415, 431);

    private Verdicts() {
    }

    /**
     * A definite JSON reply in the CooCenter shape: status "success" for 2xx, "error" otherwise.
     * 503 (busy, or PBX unreachable) is definite: nothing was done; any other 5xx is a defect.
     */
    static RawHttp.Reply definite(RawHttp.Reply r, String what) {
        assertTrue(r.status() < 500 || r.status() == 503, () -> what + ": server error " + r);
        assertNotNull(r.json(), () -> what + ": body is not JSON: " + r);
        assertTrue(r.header("content-type").startsWith("application/json"), () -> what + ": " + r.headers());
        assertEquals(r.status() < 300 ? "success" : "error", r.json().path("status").asText(), () -> what + ": " + r);
        assertFalse(r.message().isBlank(), () -> what + ": empty message " + r);
        return r;
    }

    /** A definite refusal: a 4xx from the known set, with a JSON message. */
    static RawHttp.Reply refused(RawHttp.Reply r, String what) {
        definite(r, what);
        assertTrue(REFUSALS.contains(r.status()), () -> what + ": expected a 4xx refusal, got " + r);
        return r;
    }

    /** Sends on a fresh connection; a close without reply or a hang fails the test with the request shown. */
    static RawHttp.Reply exchange(int port, byte[] request) {
        try {
            return RawHttp.exchange(port, request);
        } catch (IOException e) {
            throw new AssertionError(e.getMessage() + " for request: " + printable(request), e);
        }
    }

    static String printable(byte[] request) {
        StringBuilder s = new StringBuilder();
        int n = Math.min(request.length, 600);
        for (int i = 0; i < n; i++) {
            int c = request[i] & 0xff;
            if (c == '\r') {
                s.append("\\r");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return request.length > n ? s + "...(" + request.length + " bytes)" : s.toString();
    }
}
