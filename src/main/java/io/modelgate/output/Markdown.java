package io.modelgate.output;

/** Escaping for text placed into markdown tables and code spans. */
public final class Markdown {
    private Markdown() {
    }

    /** Text safe inside a table cell: no pipes or line breaks. */
    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Text safe inside a single-backtick code span. */
    public static String code(String text) {
        return text == null ? "" : text.replace("`", "'").replace("\n", " ");
    }
}
