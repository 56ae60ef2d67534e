package io.modelgate.cli;

import io.modelgate.catalog.LineageAsOf;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.model.Text;
import io.modelgate.output.UtcTime;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code modelgate history --lineage ID --as-of TIME}: which version of ID's lineage was promoted
 * at that moment, then where each version stood, on lines within 100 columns (ids and actors are
 * cut to 60 characters), times in UTC to the second.
 */
final class LineageAtTime {
    /** Always with its seconds, which OffsetDateTime.toString leaves out when they are zero. */

    private LineageAtTime() {
    }

    static int print(Settings settings, String id, String time) {
        if (id == null || time == null) {
            System.err.println("modelgate: history --lineage ID needs --as-of TIME, and --as-of needs --lineage");
            return ModelgateCli.USAGE;
        }
        OffsetDateTime at = parse(time);
        if (at == null) {
            System.err.println("modelgate: --as-of \"" + Text.shortened(Text.visible(time)) + "\" is not a time;"
                    + " give one like 2026-12-05T20:00:00Z (no offset means UTC)");
            return ModelgateCli.USAGE;
        }
        try (Database database = CatalogOptions.openMigrated(settings)) {
            LineageAsOf.Answer answer = new LineageAsOf(database.dataSource()).at(id, at);
            if (answer == null) {
                System.err.println("modelgate: no registered model version has the id " + Text.shortened(id)
                        + " or belongs to a lineage of that name");
                return ModelgateCli.INPUT_FAILED;
            }
            lines(answer).forEach(System.out::println);
            return ModelgateCli.OK;
        }
    }

    /** An ISO-8601 time with its offset, or without one (taken as UTC); null when it is neither. */
    static OffsetDateTime parse(String time) {
        try {
            return OffsetDateTime.parse(time.trim());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(time.trim()).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    static List<String> lines(LineageAsOf.Answer answer) {
        List<String> lines = new ArrayList<>();
        lines.add("lineage " + Text.shortened(answer.lineage()) + " as of " + utc(answer.at()) + ":");
        LineageAsOf.Version promoted = answer.promoted();
        if (promoted == null) {
            lines.add("  no version was promoted");
        } else {
            lines.add("  promoted: " + Text.shortened(promoted.id()));
            lines.add("  since " + utc(promoted.since()) + ", by " + Text.shortened(promoted.actor()));
        }
        if (answer.versions().isEmpty()) {
            lines.add("  no version of it was registered yet");
            return lines;
        }
        lines.add("  its versions then (state, since, id):");
        for (LineageAsOf.Version version : answer.versions()) {
            lines.add(String.format("    %-10s  %s  %s", version.state(), utc(version.since()),
                    Text.shortened(version.id())));
        }
        return lines;
    }

    private static String utc(OffsetDateTime time) {
        return UtcTime.of(time);
    }
}
