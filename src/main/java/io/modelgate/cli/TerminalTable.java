package io.modelgate.cli;

import io.modelgate.model.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows aligned in columns within a terminal's 100 columns. Each column is as wide as its widest
 * cell, up to its cap; the last one (a title) takes what the others leave and is cut short with
 * an ellipsis. Every cell is shown with its control characters escaped.
 */
final class TerminalTable {
    static final int WIDTH = 100;
    private static final String INDENT = "  ";
    private static final String GAP = "  ";
    /** The last column keeps at least this much, the others give way first. */
    private static final int LAST_AT_LEAST = 10;

    private final List<String> headers = new ArrayList<>();
    private final List<Integer> caps = new ArrayList<>();
    private final List<Boolean> whole = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** A column, at most {@code cap} wide (the last column added takes the rest, whatever its cap). */
    TerminalTable column(String header, int cap) {
        headers.add(header);
        caps.add(cap);
        whole.add(false);
        return this;
    }

    /** A column whose cells are never cut, such as ids a reader copies into the next command. */
    TerminalTable wholeColumn(String header) {
        column(header, Integer.MAX_VALUE);
        whole.set(whole.size() - 1, true);
        return this;
    }

    TerminalTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        String[] shown = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            shown[i] = cells[i] == null ? "" : Text.visible(cells[i]);
        }
        rows.add(shown);
        return this;
    }

    /**
     * The header line and one line per row, each at most {@link #WIDTH} columns. Where a first
     * column that is never cut (long ids) leaves too little room, it stands on a line of its own
     * and the other columns are aligned on the line below it, indented.
     */
    List<String> lines() {
        int last = headers.size() - 1;
        int[] widths = new int[last];
        for (int i = 0; i < last; i++) {
            int widest = headers.get(i).length();
            for (String[] row : rows) {
                widest = Math.max(widest, row[i].length());
            }
            widths[i] = Math.min(caps.get(i), widest);
        }
        boolean stacked = whole.get(0) && used(widths, 0, INDENT) + LAST_AT_LEAST > WIDTH;
        int from = stacked ? 1 : 0;
        String indent = stacked ? INDENT + INDENT + INDENT : INDENT;
        fit(widths, from, indent);
        int lastWidth = Math.max(LAST_AT_LEAST, WIDTH - used(widths, from, indent));
        List<String> lines = new ArrayList<>();
        for (String[] cells : rowsWithHeader()) {
            if (stacked) {
                lines.add(INDENT + cells[0]);
            }
            lines.add(line(cells, from, widths, indent, lastWidth));
        }
        return lines;
    }

    private List<String[]> rowsWithHeader() {
        List<String[]> all = new ArrayList<>();
        all.add(headers.toArray(String[]::new));
        all.addAll(rows);
        return all;
    }

    /** The widest column that may be cut gives way, a character at a time, until the last one has its room. */
    private void fit(int[] widths, int from, String indent) {
        while (used(widths, from, indent) + LAST_AT_LEAST > WIDTH) {
            int widest = -1;
            for (int i = from; i < widths.length; i++) {
                if (!whole.get(i) && widths[i] > 1 && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
        }
    }

    private static int used(int[] widths, int from, String indent) {
        int used = indent.length();
        for (int i = from; i < widths.length; i++) {
            used += widths[i] + GAP.length();
        }
        return used;
    }

    private static String line(String[] cells, int from, int[] widths, String indent, int lastWidth) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = from; i < widths.length; i++) {
            String cell = cut(cells[i], widths[i]);
            line.append(cell).append(" ".repeat(widths[i] - cell.length())).append(GAP);
        }
        return line.append(cut(cells[widths.length], lastWidth)).toString().stripTrailing();
    }

    /** The text, or as much of it as fits followed by an ellipsis, never cutting a character in half. */
    static String cut(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int end = Math.max(0, width - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
