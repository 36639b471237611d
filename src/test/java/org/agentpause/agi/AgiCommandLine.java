package org.agentpause.agi;

import java.util.ArrayList;
import java.util.List;

/** Splits one AGI command line into words the way Asterisk's {@code parse_args} does (quotes, backslashes). */
public final class AgiCommandLine {

    private AgiCommandLine() {
    }

    /** {@code SET VARIABLE "A" "b c"} → {@code [SET, VARIABLE, A, b c]}. */
    public static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean escaped = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (escaped) {
                cur.append(c);
                escaped = false;
                inWord = true;
            } else if (c == '\\') {
                escaped = true;
                inWord = true;
            } else if (c == '"') {
                inQuotes = !inQuotes;
                inWord = true;
            } else if ((c == ' ' || c == '\t') && !inQuotes) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
