package io.modelgate.model;

import java.time.Duration;
import java.util.Locale;

/** Short forms of text for messages: a value cut to a readable length, an error's first line, a duration. */
public final class Text {
    private static final int SHORT = 60;

    private Text() {
    }

    /** The text, cut to 60 characters with "..." when longer. */
    public static String shortened(String text) {
        if (text.length() <= SHORT) {
            return text;
        }
        int end = SHORT - 3;
        // never half of a surrogate pair: the half left over cannot be written as UTF-8
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /**
     * Text with its control characters and line breaks written as escapes, so that a key or value
     * from input shows on one line and shows what it holds: U+0000-U+001F, U+007F-U+009F, U+2028
     * and U+2029 are written as JSON writes them (a line feed as backslash-n, a NUL as
     * backslash-u0000), and so is a lone surrogate ({@link #validUnicode}). Text without any of
     * them is returned as it is.
     */
    public static String visible(String text) {
        if (text == null || text.chars().noneMatch(c -> invisible(c) || Character.isSurrogate((char) c))) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                default -> {
                    if (invisible(c)) {
                        shown.append(escape(c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        return validUnicode(shown.toString());
    }

    /**
     * Text that is valid Unicode: a lone surrogate (half of a pair without its other half, which
     * no UTF-8 writer can write) is written as its escape, backslash-ud800; whole pairs stay.
     * Text without one is returned as it is.
     */
    public static String validUnicode(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder valid = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (valid != null) {
                    valid.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (valid == null) {
                    valid = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                valid.append(escape(c));
            } else if (valid != null) {
                valid.append(c);
            }
        }
        return valid == null ? text : valid.toString();
    }

    private static String escape(char c) {
        return String.format(Locale.ROOT, "\\u%04x", (int) c);
    }

    private static boolean invisible(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    /** The first line of a message, stripped; {@code whenNone} when there is no message. */
    public static String firstLine(String message, String whenNone) {
        if (message == null) {
            return whenNone;
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    /** A duration as a person reads it: {@code 0.4 s}, {@code 42 s}, {@code 3 min 5 s}. */
    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** What a run left for the next one, in words: {@code 3 file(s) stay where they are, 350 database row(s) are read again by the next scan}. */
    public static String leftForNextRun(int files, int rows) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (files > 0) {
            parts.add(files + " file(s) stay where they are");
        }
        if (rows > 0) {
            parts.add(rows + " database row(s) are read again by the next scan");
        }
        return parts.isEmpty() ? "the scan is read again by the next run" : String.join(", ", parts);
    }
}
