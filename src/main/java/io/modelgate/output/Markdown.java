package io.modelgate.output;

import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where text that came from input is made safe for the markdown of tickets and
 * reports, and the blocks they share. Nothing from input may add a heading, a list, a fence, a
 * table row or cell, a link, an image or raw HTML; each value is placed in one of three ways:
 * <ul>
 * <li>{@link #text}: inline text (a heading's text, a list item, a table cell), on one line, with
 * every character that could start structure or formatting escaped;</li>
 * <li>{@link #code} / {@link #codeInCell}: a code span, whose content is shown as it is;</li>
 * <li>{@link #fenced}: a fenced block (a JSON document, a note), which no line of it can close.</li>
 * </ul>
 * Rendering follows CommonMark and GitHub-flavoured markdown (tables, autolinks).
 */
public final class Markdown {
    /** Characters escaped with a backslash wherever they stand in inline text. */
    private static final String BACKSLASHED = "\\`*[]#|!~";
    /** A list item's marker at the start of a block: "1." or "1)" followed by a space, or the end. */
    private static final Pattern ORDERED_MARKER = Pattern.compile("^[0-9]{1,9}[.)](?: |$)");
    /** Schemes that must never become a link, whatever renders the markdown. */
    private static final Set<String> DANGEROUS_SCHEMES = Set.of("javascript", "vbscript", "data", "file");

    private Markdown() {
    }

    /** One bullet per reason: {@code - **CODE**: message}. */
    public static String reasons(List<Reason> reasons) {
        StringBuilder md = new StringBuilder();
        for (Reason reason : reasons) {
            md.append("- **").append(text(reason.code())).append("**: ").append(text(reason.message())).append("\n");
        }
        return md.toString();
    }

    /** The table of field errors: a JSON pointer and its problem per line. */
    public static String errorTable(List<FieldError> errors) {
        StringBuilder md = new StringBuilder("| field | problem |\n|---|---|\n");
        for (FieldError error : errors) {
            md.append("| ").append(codeInCell(error.shownPath())).append(" | ").append(text(error.message())).append(" |\n");
        }
        return md.toString();
    }

    /**
     * Inline text, safe as a heading's text, a list item or a table cell; null is empty. It is one
     * line: line breaks, tabs and other white-space controls become one space (a run of them one
     * space), any other control or bidirectional-override character is shown as {@code \}{@code uXXXX},
     * and the ends are trimmed. {@code & < >} become {@code &amp; &lt; &gt;} (no raw HTML, comment,
     * or autolink); {@code \ ` * [ ] # | ! ~} are backslash-escaped everywhere, {@code _} wherever
     * it could start or end emphasis (not between two letters or digits, as in field names); a
     * leading {@code -}, {@code +} or {@code 1.} cannot start a list; the colon after
     * {@code javascript}, {@code vbscript}, {@code data} or {@code file} is escaped so that no
     * linkifier takes it for a link.
     */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        String line = oneLine(value);
        StringBuilder md = new StringBuilder(line.length() + 16);
        int markerAt = -1;
        if (line.startsWith("-") || line.startsWith("+")) {
            markerAt = 0;
        } else if (!line.isEmpty() && line.charAt(0) >= '0' && line.charAt(0) <= '9' && ORDERED_MARKER.matcher(line).find()) {
            // the expression runs only for a line that starts with a digit
            markerAt = 0;
            while (Character.isDigit(line.charAt(markerAt))) {
                markerAt++;
            }
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (i == markerAt) {
                md.append('\\').append(c);
            } else if (c == '&') {
                md.append("&amp;");
            } else if (c == '<') {
                md.append("&lt;");
            } else if (c == '>') {
                md.append("&gt;");
            } else if (BACKSLASHED.indexOf(c) >= 0) {
                md.append('\\').append(c);
            } else if (c == '_') {
                md.append(betweenLettersOrDigits(line, i) ? "_" : "\\_");
            } else if (c == ':') {
                md.append(afterDangerousScheme(line, i) ? "\\:" : ":");
            } else if (shownAsEscape(c)) {
                md.append(escape(c));
            } else {
                md.append(c);
            }
        }
        return md.toString();
    }

    /**
     * A code span (backticks included) outside a table: the value shown as it is, in a run of
     * backticks longer than any inside it, padded with a space where the value starts or ends with
     * a backtick (or both ends with a space); line breaks and other control characters are shown
     * as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}). Null or empty is a
     * span of one space.
     */
    public static String code(String value) {
        return span(value, false);
    }

    /** A code span inside a table cell: as {@link #code}, and each {@code |} escaped as the table needs. */
    public static String codeInCell(String value) {
        return span(value, true);
    }

    /**
     * A fenced block: {@code content} between fences of backticks longer than any run of backticks
     * in it (three at least), so that no line of it can close the block; {@code info} names the
     * content's language ({@code json}, {@code text}). Line breaks are written as {@code \n}; any
     * other control, line-separator or bidirectional-override character as {@code \}{@code uXXXX}
     * (in JSON text, where they can only stand inside strings, the same value).
     */
    public static String fenced(String content, String info) {
        content = content == null ? "" : lines(content);
        String fence = "`".repeat(Math.max(3, longestBacktickRun(content) + 1));
        return fence + info + "\n" + content + "\n" + fence + "\n";
    }

    private static String span(String value, boolean inCell) {
        String content = value == null ? "" : visible(value);
        if (inCell) {
            // GFM splits a row at every pipe not preceded by a backslash, even inside a code span,
            // and removes that one backslash before the cell's content is parsed
            content = content.replace("|", "\\|");
        }
        if (content.isEmpty()) {
            return "` `";
        }
        String fence = "`".repeat(longestBacktickRun(content) + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`")
                || (content.length() > 1 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank());
        return pad ? fence + " " + content + " " + fence : fence + content + fence;
    }

    /** The value on one line: white-space controls become one space per run, the ends trimmed of spaces. */
    private static String oneLine(String value) {
        StringBuilder line = new StringBuilder(value.length());
        boolean inBreak = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isBreakOrTab(c)) {
                if (!inBreak) {
                    line.append(' ');
                }
                inBreak = true;
            } else {
                line.append(c);
                inBreak = false;
            }
        }
        int start = 0;
        int end = line.length();
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(start, end);
    }

    /** Text as lines: CRLF and CR become LF, tabs stay, every other hidden character is written as an escape. */
    private static String lines(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c == '\n' || c == '\t' || !(isBreakOrTab(c) || shownAsEscape(c));
            if (!plain && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (plain) {
                    out.append(c);
                } else if (c == '\r') {
                    out.append('\n');
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                } else {
                    out.append(escape(c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The value with each control or bidirectional-override character written as an escape. */
    private static String visible(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hidden = isBreakOrTab(c) || shownAsEscape(c);
            if (hidden && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else if (hidden) {
                    out.append(escape(c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /** Line breaks (as CommonMark or a viewer may take them) and tabs. */
    private static boolean isBreakOrTab(char c) {
        return c == '\n' || c == '\r' || c == '\t' || c == '\u000B' || c == '\f'
                || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Other controls, and the characters that reorder text on screen: shown as an escape, never as they are. */
    private static boolean shownAsEscape(char c) {
        return Character.getType(c) == Character.CONTROL
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String escape(char c) {
        return String.format("\\u%04x", (int) c);
    }

    /** Whether an underscore stands inside a word, where it can neither open nor close emphasis. */
    private static boolean betweenLettersOrDigits(String line, int i) {
        return i > 0 && i + 1 < line.length()
                && Character.isLetterOrDigit(line.charAt(i - 1)) && Character.isLetterOrDigit(line.charAt(i + 1));
    }

    /** Whether the colon at {@code i} ends a word naming a scheme that must not become a link. */
    private static boolean afterDangerousScheme(String line, int i) {
        int start = i;
        while (start > 0 && Character.isLetter(line.charAt(start - 1))) {
            start--;
        }
        return start < i && DANGEROUS_SCHEMES.contains(line.substring(start, i).toLowerCase(Locale.ROOT));
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
