package org.agentpause.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds agent-pause requests byte by byte in each encoding the door accepts, hostile values included. */
final class Wire {

    static final String PAUSE_PATH = "/coocenter-api/queues/agent-pause";

    /** The ways a field can reach the door. */
    enum Encoding {
        /** GET, every byte outside the unreserved set percent-encoded. */
        QUERY,
        /** GET, only what must be encoded is (as curl and browsers send it): {@code ; / : , @} stay raw. */
        QUERY_PLAIN,
        FORM,
        FORM_PLAIN,
        JSON,
        MULTIPART
    }

    private Wire() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Strict UTF-8 decoding; null when the bytes are not UTF-8. */
    static String strictUtf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Every byte outside the unreserved set percent-encoded, so the bytes arrive exactly. */
    static String percent(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                s.append((char) c);
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return s.toString();
    }

    /** Percent-encodes only bytes that would end or split a form field, or are not printable ASCII. */
    static String percentLight(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f && "&=%+#?\"".indexOf(c) < 0) {
                s.append((char) c);
            } else {
                s.append(percent(new byte[] {x}));
            }
        }
        return s.toString();
    }

    static String formOf(List<Map.Entry<String, byte[]>> fields) {
        return formOf(fields, false);
    }

    static String formOf(List<Map.Entry<String, byte[]>> fields, boolean light) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, byte[]> f : fields) {
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(percent(utf8(f.getKey()))).append('=')
                    .append(light ? percentLight(f.getValue()) : percent(f.getValue()));
        }
        return s.toString();
    }

    /** A JSON object whose string values carry the raw bytes; only quote, backslash and C0 are escaped. */
    static byte[] jsonOf(List<Map.Entry<String, byte[]>> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        boolean first = true;
        for (Map.Entry<String, byte[]> f : fields) {
            if (!first) {
                out.write(',');
            }
            first = false;
            jsonString(out, utf8(f.getKey()));
            out.write(':');
            jsonString(out, f.getValue());
        }
        out.write('}');
        return out.toByteArray();
    }

    private static void jsonString(ByteArrayOutputStream out, byte[] b) {
        out.write('"');
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                out.writeBytes(utf8(String.format("\\u%04x", c)));
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    static final String BOUNDARY = "----agentpause7MA4YWxkTrZu0gW";

    static byte[] multipartOf(List<Map.Entry<String, byte[]>> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : fields) {
            out.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n"));
            out.writeBytes(f.getValue());
            out.writeBytes(utf8("\r\n"));
        }
        out.writeBytes(utf8("--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }

    /** A whole request carrying the fields in the given encoding. */
    static byte[] request(Encoding enc, List<Map.Entry<String, byte[]>> fields, String authHeaders) {
        return switch (enc) {
            case QUERY -> utf8("GET " + PAUSE_PATH + "?" + formOf(fields) + " HTTP/1.1\r\nHost: t\r\n"
                    + authHeaders + "\r\n");
            case QUERY_PLAIN -> utf8("GET " + PAUSE_PATH + "?" + formOf(fields, true) + " HTTP/1.1\r\nHost: t\r\n"
                    + authHeaders + "\r\n");
            case FORM -> post("application/x-www-form-urlencoded", utf8(formOf(fields)), authHeaders);
            case FORM_PLAIN -> post("application/x-www-form-urlencoded", utf8(formOf(fields, true)), authHeaders);
            case JSON -> post("application/json", jsonOf(fields), authHeaders);
            case MULTIPART -> post("multipart/form-data; boundary=" + BOUNDARY, multipartOf(fields), authHeaders);
        };
    }

    static byte[] post(String contentType, byte[] body, String authHeaders) {
        return post(PAUSE_PATH, contentType, body, authHeaders);
    }

    static byte[] post(String path, String contentType, byte[] body, String authHeaders) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("POST " + path + " HTTP/1.1\r\nHost: t\r\n" + authHeaders
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n"));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
