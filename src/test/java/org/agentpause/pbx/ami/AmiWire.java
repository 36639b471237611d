package org.agentpause.pbx.ami;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AMI framing as Asterisk does it: a line ends at CRLF or at a bare LF, a message ends with an
 * empty line, header names are case-insensitive and the first header of a name wins.
 */
final class AmiWire {

    /** One message read off the wire: its exact bytes and its headers in order. */
    record Message(byte[] raw, List<String[]> headers) {

        /** The first value of a header (case-insensitive name), or null. */
        String get(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        String action() {
            String a = get("Action");
            return a == null ? null : a.strip();
        }
    }

    private AmiWire() {
    }

    /** Reads one message; null at end of stream. Leading empty lines are skipped, as Asterisk does. */
    static Message read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        List<String[]> headers = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            raw.write(b);
            if (b != '\n') {
                line.write(b);
                continue;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (len == 0) {
                if (headers.isEmpty()) {
                    raw.reset();
                    continue;
                }
                return new Message(raw.toByteArray(), headers);
            }
            String text = new String(bytes, 0, len, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon > 0) {
                // Asterisk skips the blanks after the colon and keeps the rest of the value as is.
                headers.add(new String[] {text.substring(0, colon).strip(), text.substring(colon + 1).stripLeading()});
            }
        }
        return null;
    }

    /** Formats headers as one CRLF-terminated message. */
    static byte[] format(List<String[]> headers) {
        StringBuilder sb = new StringBuilder();
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Asterisk's {@code ast_true()}: yes, true, y, t, 1, on (any case, leading blanks skipped). */
    static boolean astTrue(String v) {
        return switch (v.stripLeading().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    static String[] h(String name, String value) {
        return new String[] {name, value};
    }
}
