package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A time is read in the form it looks like first; it reads as the three forms tried in turn read it. */
class TimestampsTest {
    @Test
    void timesReadAsTheFormsTriedInTurnReadThem() {
        List<String> texts = List.of("2024-02-05", "2024-03-11T09:30:00Z", "2024-04-02T14:00:00+02:00",
                "2024-03-11T09:30:00", "2024-03-11t09:30:00z", "2024-03-11T09:30", "2024-03-11T09:30:00.123456789-05:00",
                " 2024-02-05 ", "2024-02-30", "2024-02-30T10:00:00Z", "2024-13-01T00:00:00", "2024-02-05Z", "T", "",
                "yesterday", "2024-02-05T", "2024-02-05T25:00:00+01:00", "+12024-02-05", "2024-02-05T10:00:00+18:00",
                "2024-02-05T10:00:00-", "2024-02-05 10:00:00", "2024-02-05T10:00:00[Europe/Paris]");
        for (String text : texts) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(inTurn(text));
        }
    }

    /** The time as the three forms, tried in turn, read it. */
    private static Optional<OffsetDateTime> inTurn(String text) {
        String value = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException notOffset) {
            // the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(value).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // the next form
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
