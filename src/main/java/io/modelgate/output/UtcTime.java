package io.modelgate.output;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one form of a moment in tickets and history: UTC to the second, {@code 2026-12-05 19:46:46Z},
 * so that lines from both compare at a glance.
 */
public final class UtcTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private UtcTime() {
    }

    public static String of(Instant moment) {
        return moment == null ? "" : FORMAT.format(moment);
    }

    public static String of(OffsetDateTime moment) {
        return moment == null ? "" : of(moment.toInstant());
    }

    /** A database value as it comes from JDBC: a timestamp is shown in the one form, anything else as it is. */
    public static String ofValue(Object value) {
        if (value instanceof OffsetDateTime moment) {
            return of(moment);
        }
        if (value instanceof java.sql.Timestamp moment) {
            return of(moment.toInstant());
        }
        if (value instanceof Instant moment) {
            return of(moment);
        }
        return String.valueOf(value);
    }
}
