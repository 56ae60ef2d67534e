package io.modelgate.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a markdown file looks like to a CommonMark / GitHub-flavoured renderer, as far as the
 * injection tests need it: its fenced blocks, its headings, its tables, and its lines with code
 * spans taken out. Written from the CommonMark and GFM specs, independent of {@link Markdown}.
 */
final class MarkdownStructure {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?: .*|)$");
    private static final Pattern BREAK_OR_UNDERLINE = Pattern.compile("^ {0,3}(?:(?:([-*_])(?: *\\1){2,})|=+) *$");
    private static final Pattern LIST_MARKER = Pattern.compile("^ {0,3}(?:[-+*]|[0-9]{1,9}[.)])(?: |$)");
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** The lines outside fenced blocks, each with its line number. */
    final List<String> outside = new ArrayList<>();
    /** The content of each fenced block. */
    final List<String> fencedBlocks = new ArrayList<>();
    /** Lines that open or close a fence. */
    int fenceLines;

    MarkdownStructure(String markdown) {
        assertThat(markdown).as("only \\n breaks lines, and no control character is written as it is")
                .doesNotContainPattern("[\\x00-\\x09\\x0B-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");
        String[] lines = markdown.split("\n", -1);
        String open = null;
        StringBuilder block = null;
        for (String line : lines) {
            if (open == null) {
                if (opensFence(line)) {
                    var fence = FENCE.matcher(line);
                    fence.matches();
                    open = fence.group(1);
                    block = new StringBuilder();
                    fenceLines++;
                } else {
                    outside.add(line);
                }
            } else {
                String stripped = line.strip();
                char fenceChar = open.charAt(0);
                if (stripped.length() >= open.length() && stripped.chars().allMatch(c -> c == fenceChar)
                        && line.indexOf(fenceChar) <= 3) {
                    fencedBlocks.add(block.length() == 0 ? "" : block.substring(0, block.length() - 1));
                    fenceLines++;
                    open = null;
                } else {
                    block.append(line).append('\n');
                }
            }
        }
        assertThat(open).as("every fence is closed").isNull();
    }

    /** Whether a line opens a fenced block (the info string of a backtick fence holds no backtick). */
    static boolean opensFence(String line) {
        var fence = FENCE.matcher(line);
        return fence.matches() && !(fence.group(1).startsWith("`") && fence.group(2).contains("`"));
    }

    /**
     * Whether inline text (code spans taken out) holds what makes a link, an image or a link
     * definition: an unescaped {@code ](}, {@code ][}, {@code ]:} or {@code ![}.
     */
    static boolean linkSyntax(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && ASCII_PUNCTUATION.indexOf(text.charAt(i + 1)) >= 0) {
                i++;
            } else if (c == ']' && i + 1 < text.length() && "([:".indexOf(text.charAt(i + 1)) >= 0) {
                return true;
            } else if (c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
                return true;
            }
        }
        return false;
    }

    /** Lines outside fences that a renderer takes for headings. */
    List<String> headings() {
        return outside.stream().filter(line -> HEADING.matcher(line).matches()).toList();
    }

    /**
     * Asserts what no value may add: headings beyond {@code allowed} (or lines starting with one
     * of {@code allowedPrefixes}), fences, thematic breaks or setext underlines, block quotes,
     * blocks started inside a list item, raw HTML, entities other than the writer's, links and
     * images; and that every table's rows have as many cells as its header.
     */
    void assertNoInjectedStructure(Set<String> allowed, List<String> allowedPrefixes) {
        int tableColumns = -1;
        for (String line : outside) {
            if (HEADING.matcher(line).matches()) {
                assertThat(allowed.contains(line) || allowedPrefixes.stream().anyMatch(line::startsWith))
                        .as("heading the writer emits: %s", line).isTrue();
            }
            assertThat(opensFence(line)).as("no fence outside the writer's fences: %s", line).isFalse();
            assertThat(line).as("no thematic break or setext underline").doesNotMatch(BREAK_OR_UNDERLINE.pattern());
            assertThat(line).as("no block quote").doesNotMatch("^ {0,3}>.*");
            assertThat(line).as("no indented code").doesNotMatch("^ {4,}\\S.*");
            var marker = LIST_MARKER.matcher(line);
            if (marker.find()) {
                String content = line.substring(marker.end());
                assertThat(content).as("a list item's content starts no block: %s", line)
                        .doesNotMatch("^(?: {0,3}(?:#|>|<|[-+*](?: |$)|[0-9]{1,9}[.)](?: |$))| {4,}).*");
                assertThat(opensFence(content)).as("a list item's content opens no fence: %s", line).isFalse();
            }
            String text = withoutCodeSpans(line);
            assertThat(text).as("no raw HTML, comment or autolink outside code: %s", line).doesNotContain("<");
            assertThat(text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", ""))
                    .as("no entity but the writer's: %s", line).doesNotContain("&");
            assertThat(linkSyntax(text)).as("no link, image or link definition: %s", line).isFalse();
            assertThat(text.toLowerCase()).as("no dangerous scheme as a link: %s", line)
                    .doesNotContain("javascript:").doesNotContain("data:").doesNotContain("vbscript:");
            if (line.startsWith("|")) {
                int cells = cells(line).size();
                if (tableColumns < 0) {
                    tableColumns = cells;
                } else {
                    assertThat(cells).as("cells in table row %s", line).isEqualTo(tableColumns);
                }
            } else {
                tableColumns = -1;
            }
        }
    }

    /** The cells of a table row as GFM splits it: at pipes not preceded by a backslash, which then goes. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '|' && row.charAt(i - 1) != '\\') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                // the backslash before a pipe is dropped before the cell is parsed
            } else {
                cell.append(c);
            }
        }
        if (!cell.toString().isBlank()) {
            cells.add(cell.toString().strip());
        }
        return cells;
    }

    /** What inline text (no code spans) shows: backslash escapes and the three entities resolved. */
    static String shown(String inline) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inline.length(); i++) {
            char c = inline.charAt(i);
            if (c == '\\' && i + 1 < inline.length() && ASCII_PUNCTUATION.indexOf(inline.charAt(i + 1)) >= 0) {
                out.append(inline.charAt(++i));
            } else if (inline.startsWith("&amp;", i)) {
                out.append('&');
                i += 4;
            } else if (inline.startsWith("&lt;", i)) {
                out.append('<');
                i += 3;
            } else if (inline.startsWith("&gt;", i)) {
                out.append('>');
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The content of the code span at the start of {@code text} (CommonMark: a run of n backticks
     * up to the next run of exactly n; one space stripped from each end if both ends have one), or
     * null when it starts none.
     */
    static String codeSpanAt(String text) {
        int n = run(text, 0);
        if (n == 0) {
            return null;
        }
        int close = closing(text, n, n);
        if (close < 0) {
            return null;
        }
        String content = text.substring(n, close);
        if (content.length() >= 2 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
            content = content.substring(1, content.length() - 1);
        }
        return content;
    }

    /** The line with each code span replaced by "CODE"; escaped backticks and unmatched runs stay. */
    static String withoutCodeSpans(String line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && ASCII_PUNCTUATION.indexOf(line.charAt(i + 1)) >= 0) {
                out.append(c).append(line.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int n = run(line, i);
                int close = closing(line, i + n, n);
                if (close < 0) {
                    out.append(line, i, i + n);
                    i += n;
                } else {
                    out.append("CODE");
                    i = close + n;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int run(String text, int from) {
        int n = 0;
        while (from + n < text.length() && text.charAt(from + n) == '`') {
            n++;
        }
        return n;
    }

    /** Where the next run of exactly {@code n} backticks from {@code from} starts, or -1. */
    private static int closing(String text, int from, int n) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == '`') {
                int length = run(text, i);
                if (length == n) {
                    return i;
                }
                i += length;
            } else {
                i++;
            }
        }
        return -1;
    }
}
