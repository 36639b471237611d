package org.agentpause.pbx.ami;

/**
 * Last check before a value becomes an AMI header: asterisk-java writes values raw, and Asterisk
 * ends a line at CRLF and at a bare LF, so a line break in a value would inject headers or a
 * whole second action. The pause core already rejects control characters; this is defence in depth.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * Returns {@code value} unchanged when it is safe to send.
     *
     * @throws IllegalArgumentException naming the header, when the value holds a CR, LF or NUL
     */
    static String checked(String header, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("refusing to send AMI header " + header
                        + ": value contains a line break or NUL");
            }
        }
        return value;
    }
}
