package io.modelgate.rules;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * ISO-8601 training times. A time with an offset is kept as given; a date alone or a local
 * time is read as UTC (documented in docs/schema.md). Anything else does not parse.
 */
public final class Timestamps {
    /** The three forms a time may have. No text reads in two of them, so the order they are tried in changes nothing. */
    private enum Form { OFFSET, LOCAL, DATE }

    private static final Form[] FORMS = Form.values();

    private Timestamps() {
    }

    public static Optional<OffsetDateTime> parse(String text) {
        String value = text.trim();
        // the form the text looks like first, so that a valid time costs no failed parse (an exception)
        Form likely = likelyForm(value);
        OffsetDateTime parsed = parse(value, likely);
        for (int i = 0; parsed == null && i < FORMS.length; i++) {
            if (FORMS[i] != likely) {
                parsed = parse(value, FORMS[i]);
            }
        }
        return Optional.ofNullable(parsed);
    }

    private static Form likelyForm(String value) {
        int time = Math.max(value.indexOf('T'), value.indexOf('t'));
        if (time < 0) {
            return Form.DATE;
        }
        char last = value.charAt(value.length() - 1);
        boolean offset = last == 'Z' || last == 'z' || value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0;
        return offset ? Form.OFFSET : Form.LOCAL;
    }

    /** The time read in one form, or null when the text is not in it. */
    private static OffsetDateTime parse(String value, Form form) {
        try {
            return switch (form) {
                case OFFSET -> OffsetDateTime.parse(value);
                case LOCAL -> LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
                case DATE -> LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
            };
        } catch (DateTimeParseException notInThisForm) {
            return null;
        }
    }

    /** The canonical text of a parsable time: ISO offset date-time. */
    public static Optional<String> canonical(String text) {
        return parse(text).map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format);
    }
}
