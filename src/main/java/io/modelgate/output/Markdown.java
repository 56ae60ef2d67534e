package io.modelgate.output;

import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import java.util.List;

/** Escaping for text placed into markdown tables and code spans, and the blocks report and tickets share. */
public final class Markdown {
    private Markdown() {
    }

    /** One bullet per reason: {@code - **CODE**: message}. */
    public static String reasons(List<Reason> reasons) {
        StringBuilder md = new StringBuilder();
        for (Reason reason : reasons) {
            md.append("- **").append(reason.code()).append("**: ").append(cell(reason.message())).append("\n");
        }
        return md.toString();
    }

    /** The table of field errors: a JSON pointer and its problem per line. */
    public static String errorTable(List<FieldError> errors) {
        StringBuilder md = new StringBuilder("| field | problem |\n|---|---|\n");
        for (FieldError error : errors) {
            md.append("| `").append(error.shownPath()).append("` | ").append(cell(error.message())).append(" |\n");
        }
        return md.toString();
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
