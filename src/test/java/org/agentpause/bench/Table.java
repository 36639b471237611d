package org.agentpause.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table with padded columns, readable both on a terminal and rendered. */
final class Table {

    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long unlistedErrors;

    Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has "
                    + headers.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** A line printed under the table (what limits a figure, a missed target, ...). */
    Table note(String text) {
        notes.add(text);
        return this;
    }

    /** Errors outside the rows (e.g. during a warm-up): noted under the table and counted. */
    Table warmupErrors(String what, long errors) {
        if (errors > 0) {
            unlistedErrors += errors;
            note(errors + " errors during " + what);
        }
        return this;
    }

    long unlistedErrors() {
        return unlistedErrors;
    }

    List<String> headers() {
        return headers;
    }

    List<List<String>> rows() {
        return rows;
    }

    String render() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        line(sb, headers, width);
        sb.append('|');
        for (int w : width) {
            sb.append('-').append("-".repeat(w)).append("-|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.append('\n').toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            // Numbers right-aligned, text left-aligned, as a reader scans them.
            boolean numeric = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.charAt(0) == '-')
                    && i > 0;
            sb.append(' ').append(numeric ? pad(c, width[i], true) : pad(c, width[i], false)).append(" |");
        }
        sb.append('\n');
    }

    private static String pad(String s, int w, boolean left) {
        String fill = " ".repeat(w - s.length());
        return left ? fill + s : s + fill;
    }
}
