package io.modelgate.cli;

import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One truth per ticket and history, through the packaged jar: an inbox model held, dropped again
 * changed and held again, then decided with corrected metadata. Its history shows both holds, the
 * resubmission and the reviewer's write in one timestamp form and one name per actor; its resolved
 * ticket opens with the decision; {@code review show} prints the key facts and the differences
 * within 100 columns.
 */
class TicketsHistoryIT {
    /** The next version of model-tau-v1, fine-tuned from model-base, without the framework the schema requires. */
    private static final TestJson TAU_METADATA = validMetadata(object("auc", 0.8, "f1", 0.71)).without("framework")
            .with("base_model_id", "model-base");
    private static final TestJson TAU = envelope("model-tau").with("title", "Tau PET staging")
            .with("parent_version_id", "model-tau-v1").with("metadata", TAU_METADATA);
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ";

    @TempDir
    Path workDir;

    @Test
    void aHeldModelDroppedAgainAndDecidedHasOneStoryInItsTicketAndItsHistory() throws Exception {
        try (TestDatabase server = TestDatabase.start()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            Path inbox = Files.createDirectories(workDir.resolve("inbox"));
            Files.writeString(inbox.resolve("tau-v1.json"), document("model-tau-v1", "Tau PET staging v1"));
            Files.writeString(inbox.resolve("base.json"), document("model-base", "Base GBM"));
            once(db);
            Files.writeString(inbox.resolve("tau.json"), TAU.toString());
            once(db);
            // dropped again, changed, and still without a framework: held a second time
            Files.writeString(inbox.resolve("tau-2.json"),
                    TAU.with("metadata", TAU_METADATA.with("parameter_count", 6000)).toString());
            once(db);

            Result open = JarRunner.run(workDir, with(db, "review", "show", "model-tau"));
            assertThat(open.exitCode()).as(open.all()).isZero();
            assertThat(open.stdout()).startsWith("model-tau: Tau PET staging\n")
                    .containsPattern("held " + TIME + " in run \\S+, from inbox file tau-2\\.json")
                    .containsPattern("state now +not registered")
                    .containsPattern("family +gradient boosting")
                    .containsPattern("framework +none")
                    .containsPattern("size +6,000 parameters")
                    .containsPattern("metrics +name +value\n +auc +0\\.8\n +f1 +0\\.71")
                    .containsPattern("code pin +none recorded")
                    .containsPattern("base model +model-base \\(promoted\\)")
                    .contains("Stored row: none; nothing of it is registered yet.")
                    .contains("Differs from model-tau-v1, the promoted version of its lineage:")
                    .contains("  - /framework: \"lightgbm\"")
                    .contains("  ~ /parameter_count: 5000 -> 6000")
                    .contains("  + /base_model_id: \"model-base\"")
                    .containsPattern("V-SCHEMA +the metadata does not satisfy schemas/model_artifact_metadata\\.json in 1 field")
                    .contains("Errors:\n  /framework: ")
                    .contains("Next steps:")
                    .contains("modelgate review decide model-tau --promote|--candidate --reviewer NAME --note TEXT");
            assertThat(open.stdout().split("every model must name the framework", -1)).hasSize(2);
            assertThat(open.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));

            Files.writeString(workDir.resolve("fix.json"), object("framework", "lightgbm").toString());
            Result decide = JarRunner.run(workDir, with(db, "review", "decide", "model-tau", "--promote",
                    "--reviewer", "ann", "--note", "framework from the training log", "--metadata", "fix.json"));
            assertThat(decide.exitCode()).as(decide.all()).isZero();

            Result history = JarRunner.run(workDir, with(db, "history", "model-tau"));
            assertThat(history.exitCode()).as(history.all()).isZero();
            assertThat(history.stdout()).startsWith("model version model-tau: Tau PET staging\n")
                    .contains("decided_by               reviewer:ann")
                    .contains("1 event(s) and 2 hold(s), oldest first:")
                    .containsPattern(TIME + "  held         inbox file tau\\.json, not registered")
                    .containsPattern(TIME + "  resubmitted  inbox file tau-2\\.json, not registered")
                    .contains("      ~ /parameter_count: 5000 -> 6000")
                    .containsPattern(TIME + "  reviewed     none -> promoted  by reviewer:ann")
                    .contains("note: framework from the training log")
                    .contains("title: Tau PET staging").containsPattern("metrics: (auc 0.8, f1 0.71|f1 0.71, auc 0.8)\n")
                    .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT|\\d\\d:\\d\\d:\\d\\d\\.\\d|[+-]\\d\\d:\\d\\d\\b");
            assertThat(history.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            Result parent = JarRunner.run(workDir, with(db, "history", "model-tau-v1"));
            assertThat(parent.stdout()).containsPattern(TIME + "  registered   none -> promoted  by pipeline")
                    .doesNotContain("modelgate");

            String resolved = Files.readString(workDir.resolve("review-queue/.resolved/model-tau.md"));
            assertThat(resolved).startsWith("# Resolved: Tau PET staging\n\n## Decision\n\n"
                    + "- **decision**: promote (the row is now promoted)\n- **reviewer**: `reviewer:ann`\n")
                    .doesNotContain("current state").doesNotContain("## How to resolve");

            Result shown = JarRunner.run(workDir, with(db, "review", "show", "model-tau"));
            assertThat(shown.exitCode()).as(shown.all()).isZero();
            assertThat(shown.stdout()).containsPattern("resolved: promote by reviewer:ann on " + TIME
                            + ": the row is now promoted")
                    .contains("note: framework from the training log")
                    .containsPattern("state now +promoted")
                    .contains("Differs from the stored row (promoted):\n  - /framework: \"lightgbm\"")
                    .contains("Why it was held:").doesNotContain("Next steps:");
            assertThat(shown.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));

            Result none = JarRunner.run(workDir, with(db, "review", "show", "model-none"));
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.stderr()).contains("no ticket for model-none").doesNotContain("\tat ");
        }
    }

    private void once(String[] db) {
        Result once = JarRunner.run(workDir, with(db, "run", "--once"));
        assertThat(once.exitCode()).as(once.all()).isZero();
    }

    private static String document(String id, String title) {
        return model(id, validMetadata(object("auc", 0.8))).with("title", title).toString();
    }

    private static String[] with(String[] db, String... command) {
        String[] all = new String[command.length + db.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(db, 0, all, command.length, db.length);
        return all;
    }
}
