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
    private Timestamps() {
    }

    public static Optional<OffsetDateTime> parse(String text) {
        String value = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException notOffset) {
            // fall through to the zone-less forms
        }
        try {
            return Optional.of(LocalDateTime.parse(value).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    /** The canonical text of a parsable time: ISO offset date-time. */
    public static Optional<String> canonical(String text) {
        return parse(text).map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format);
    }
}
