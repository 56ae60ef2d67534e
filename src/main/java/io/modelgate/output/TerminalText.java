package io.modelgate.output;

import io.modelgate.model.Text;

/**
 * Text from input as a terminal shows it: every control character (an escape sequence could move
 * the cursor or colour the screen) and every character that reorders text on screen shown as an
 * escape, and lines cut to a width, never between the two halves of a character.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** The value on one line with its hidden characters as escapes; null is empty. */
    public static String shown(String value) {
        if (value == null) {
            return "";
        }
        String visible = Text.visible(value);
        StringBuilder shown = null;
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            boolean reorders = c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069');
            if (reorders && shown == null) {
                shown = new StringBuilder(visible.length() + 16).append(visible, 0, i);
            }
            if (shown != null) {
                shown.append(reorders ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return shown == null ? visible : shown.toString();
    }

    /** The line cut to {@code width} columns, ending in "..." when it was longer. */
    public static String cut(String line, int width) {
        return line.length() <= width ? line : line.substring(0, end(line, width - 3)) + "...";
    }

    /** Where to cut {@code text} at most at {@code at}: never between the two halves of a character. */
    public static int end(CharSequence text, int at) {
        return Character.isHighSurrogate(text.charAt(at - 1)) ? at - 1 : at;
    }
}
