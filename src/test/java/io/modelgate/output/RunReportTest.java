package io.modelgate.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run's report and summary say of artifacts left as decided, of decision files, and of empty sections. */
class RunReportTest {
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    void aRunThatChangedNothingHasOnlyItsCountsWithNoSectionOfNothing() throws IOException {
        Path reportPath = folder.resolve("report.md");
        try (RunReport run = new RunReport("run-1", "once", START, reportPath)) {
            run.addUnchanged("model-a", "promote", "promoted", "[]", "[]");
            run.addUnchanged("model-b", "candidate", "candidate", "[]", "[]");
            run.finish(START.plusSeconds(1), null);
        }
        String report = Files.readString(reportPath);

        assertThat(report).contains("## Counts")
                .contains("2 of them needed no write (unchanged since the last run): promote 1, candidate 1.")
                .doesNotContain("## Decisions").doesNotContain("## Artifacts").doesNotContain("## Held for review")
                .doesNotContain("## Normalizations applied").doesNotContain("## Failed inputs")
                .doesNotContain("None.").doesNotContain("| decided |").doesNotContain("**decided**")
                .endsWith("nothing written.\n");
    }

    @Test
    void aFinalRowWhoseInputIsAsBeforeIsCountedDecidedWithItsStateNeverAsHeld() throws IOException {
        Path reportPath = folder.resolve("report.md");
        RunReport run = new RunReport("run-1", "once", START, reportPath);
        try (run) {
            run.addUnchanged("model-a", "promote", "promoted", "[]", "[]");
            run.addUnchanged("model-old", "decided", "superseded", "[]", "[]");
            ReportRow rejected = new ReportRow("model-r", "Rejected", "db", null, "review", "rejected", "rejected",
                    "unchanged", null, List.of(new Reason("R-PROTECTED", "the row is rejected")), List.of(), null, List.of());
            assertThat(rejected.finalAndUnchanged()).isTrue();
            run.add(rejected.asDecided());
            run.finish(START.plusSeconds(1), null);
        }
        String report = Files.readString(reportPath);
        JsonNode summary = Json.parse(Files.readString(run.summaryPath()));

        assertThat(run.counts().line()).isEqualTo("promote 1, candidate 0, review 0, failed 0 (unchanged 1)");
        assertThat(run.counts().decided()).isEqualTo(2);
        assertThat(run.counts().total()).isEqualTo(3);
        assertThat(report).contains("| review | 0 |\n").contains("| decided | 2 |\n| **total** | **3** |")
                .contains("1 of them needed no write (unchanged since the last run): promote 1."
                        + " The 2 decided (rejected 1, superseded 1) needed none either")
                .doesNotContain("## Held for review").doesNotContain("held earlier").doesNotContain("## Artifacts");
        assertThat(summary.get("counts").get("review").asInt()).isZero();
        assertThat(summary.get("counts").get("unchanged").asInt()).isEqualTo(1);
        assertThat(summary.get("counts").get("decided").asInt()).isEqualTo(2);
        assertThat(summary.get("artifacts")).hasSize(3);
        JsonNode entry = summary.get("artifacts").get(2);
        assertThat(entry.get("id").asText()).isEqualTo("model-r");
        assertThat(entry.get("channel").asText()).isEqualTo("decided");
        assertThat(entry.get("promotion_state").asText()).isEqualTo("rejected");
        assertThat(entry.get("change").asText()).isEqualTo("unchanged");
    }

    @Test
    void decisionFilesAreCountedAndListedAppliedOrRefusedInTheReportAndTheSummary() throws IOException {
        Path reportPath = folder.resolve("report.md");
        RunReport run = new RunReport("run-1", "once", START, reportPath);
        try (run) {
            run.addDecision(DecisionRow.refused("model-x.json", "model-x", "promote", "bob",
                    "/id: no artifact and no held inbox file has the id model-x"));
            run.addDecision(DecisionRow.applied("model-a.json", "model-a", "reject", "ann", "candidate", "rejected", null));
            run.addDecision(DecisionRow.refused("broken.json", null, null, null, "the file is not valid UTF-8 JSON"));
            run.finish(START.plusSeconds(1), null);
        }
        String report = Files.readString(reportPath);
        JsonNode summary = Json.parse(Files.readString(run.summaryPath()));

        assertThat(report).contains("## Decisions\n\n3 decision file(s) read: 1 applied, 2 refused (nothing written;")
                .contains("| id | decision | reviewer | outcome | reason |\n|---|---|---|---|---|\n"
                        + "| (none: `broken.json`) | none | none | refused | the file is not valid UTF-8 JSON |\n"
                        + "| `model-a` | reject | ann | applied | candidate -> rejected |\n"
                        + "| `model-x` | promote | bob | refused | /id: no artifact and no held inbox file has the id model-x |\n");
        assertThat(summary.get("counts").get("decisions_applied").asInt()).isEqualTo(1);
        assertThat(summary.get("counts").get("decisions_refused").asInt()).isEqualTo(2);
        JsonNode decisions = summary.get("decisions");
        assertThat(decisions).hasSize(3);
        assertThat(decisions.get(1).get("id").asText()).isEqualTo("model-a");
        assertThat(decisions.get(1).get("outcome").asText()).isEqualTo("applied");
        assertThat(decisions.get(1).get("from_state").asText()).isEqualTo("candidate");
        assertThat(decisions.get(1).get("to_state").asText()).isEqualTo("rejected");
        assertThat(decisions.get(2).get("outcome").asText()).isEqualTo("refused");
        assertThat(decisions.get(2).get("reviewer").asText()).isEqualTo("bob");
        assertThat(decisions.get(2).get("reason").asText()).isEqualTo("/id: no artifact and no held inbox file has the id model-x");
        assertThat(decisions.get(0).get("id").isNull()).isTrue();
        assertThat(decisions.get(0).get("file").asText()).isEqualTo("broken.json");
    }
}
