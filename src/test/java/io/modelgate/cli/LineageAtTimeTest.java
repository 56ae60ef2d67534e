package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.catalog.LineageAsOf;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How history --lineage ID --as-of TIME reads its time and prints its answer. */
class LineageAtTimeTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-05T20:00:00.123456Z");

    @Test
    void readsAnIsoTimeWithOrWithoutItsOffsetAndNothingElse() {
        assertThat(LineageAtTime.parse("2026-12-05T21:00:00+01:00")).isEqualTo(OffsetDateTime.parse("2026-12-05T21:00:00+01:00"));
        assertThat(LineageAtTime.parse("2026-12-05T20:00:00").toInstant()).isEqualTo(AT.toInstant().minusNanos(123456000));
        assertThat(LineageAtTime.parse("yesterday")).isNull();
        assertThat(LineageAtTime.parse("2026-12-05")).isNull();
    }

    @Test
    void namesThePromotedVersionAndEachVersionsStateThenInUtcToTheSecond() {
        LineageAsOf.Answer answer = new LineageAsOf.Answer("seg-v1", AT, List.of(
                new LineageAsOf.Version("seg-v1", "superseded", AT.minusMinutes(5), "reviewer:ann"),
                new LineageAsOf.Version("seg-v2", "promoted", AT.minusMinutes(5), "reviewer:ann")));

        assertThat(LineageAtTime.lines(answer)).containsExactly(
                "lineage seg-v1 as of 2026-12-05 20:00:00Z:",
                "  promoted: seg-v2",
                "  since 2026-12-05 19:55:00Z, by reviewer:ann",
                "  its versions then (state, since, id):",
                "    superseded  2026-12-05 19:55:00Z  seg-v1",
                "    promoted    2026-12-05 19:55:00Z  seg-v2");
    }

    @Test
    void linesStayWithin100ColumnsForTheLongestIdsAndSayWhenNothingWasPromoted() {
        String longId = "m".repeat(128);
        LineageAsOf.Answer answer = new LineageAsOf.Answer(longId, AT, List.of(
                new LineageAsOf.Version(longId, "candidate", AT, "reviewer:" + "r".repeat(120))));

        List<String> lines = LineageAtTime.lines(answer);

        assertThat(lines).contains("  no version was promoted");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }
}
