package io.modelgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.ModelHistory;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.model.Json;
import io.modelgate.output.HistoryView;
import io.modelgate.review.DecisionOutcome;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One truth per history: every hold and resubmission of an id is logged and shown with its writes. */
class TicketsAndHoldsTest extends SharedDatabase {
    /** Valid but for the framework, which the schema requires: held V-SCHEMA. */
    private static final String NO_FRAMEWORK = "{\"model_family\": \"gbm\", \"parameter_count\": 5000,"
            + " \"training_data\": \"ADNI\", \"evaluation_dataset\": \"ADNI holdout\", \"evaluation_metrics\": {\"auc\": 0.8}}";
    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ  ");

    @TempDir
    Path root;
    private PipelineHarness harness;

    @BeforeEach
    void freshState() {
        harness = new PipelineHarness(database, root);
        database.truncateAll();
    }

    @Test
    void twoHoldsAndAResubmissionOfOneIdAreAllInItsHistoryWithTheReviewedWrite() throws Exception {
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("gbm.json"), InboxTest.model("model-gbm", NO_FRAMEWORK));
        harness.once();
        // dropped again, changed and still without a framework: held again, a resubmission
        Files.writeString(inbox.resolve("gbm-2.json"), InboxTest.model("model-gbm", NO_FRAMEWORK.replace("5000", "6000")));
        harness.once();
        // the same file once more says nothing new
        Files.writeString(inbox.resolve("gbm-3.json"), InboxTest.model("model-gbm", NO_FRAMEWORK.replace("5000", "6000")));
        harness.once();
        assertThat(database.rows("SELECT source, file, reasons->0->>'code' FROM review_holds ORDER BY id"))
                .containsExactly(List.of("inbox", "gbm.json", "V-SCHEMA"), List.of("inbox", "gbm-2.json", "V-SCHEMA"));

        ObjectNode fix = Json.object();
        fix.put("framework", "xgboost");
        decide("model-gbm", "promote", "ann", "framework from the training log", fix);

        List<String> history = history("model-gbm");
        String text = String.join("\n", history);
        assertThat(text).contains("model version model-gbm: Model model-gbm")
                .contains("1 event(s) and 2 hold(s), oldest first:")
                .containsPattern("Z  held         inbox file gbm\\.json, not registered")
                .containsPattern("Z  resubmitted  inbox file gbm-2\\.json, not registered")
                .contains("~ /parameter_count: 5000 -> 6000")
                .containsPattern("Z  reviewed     none -> promoted  by reviewer:ann")
                .contains("note: framework from the training log")
                .contains("title: Model model-gbm").contains("metrics: auc 0.8");
        assertThat(text.indexOf(" held ")).isLessThan(text.indexOf(" resubmitted ")).isLessThan(text.indexOf(" reviewed "));
        assertThat(history).filteredOn(line -> line.matches("^\\d{4}-.*")).hasSize(3)
                .allSatisfy(line -> assertThat(line).containsPattern(TIME));
        assertThat(history).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void aRowThePipelineLeavesAsItWasIsLoggedOnceAndThePipelineHasOneName() throws Exception {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-kept', 'model',"
                + " 'Kept', '" + InboxTestFiles.promotableMetadata() + "')");
        harness.backfill();
        decide("model-kept", "reject", "bo", "retired", null);
        database.execute("UPDATE artifacts SET metadata = jsonb_set(metadata, '{parameter_count}', '6000'),"
                + " updated_at = now() WHERE id = 'model-kept'");
        harness.once();
        harness.backfill();

        assertThat(database.rows("SELECT source, reasons @> '[{\"code\": \"R-PROTECTED\"}]' FROM review_holds"))
                .containsExactly(List.of("db", "t"));
        String text = String.join("\n", history("model-kept"));
        assertThat(text).containsPattern("registered   none -> promoted  by pipeline")
                .containsPattern("reviewed     promoted -> rejected  by reviewer:bo")
                .containsPattern("held         database row left as it was \\(rejected\\)")
                .contains("decided_by               reviewer:bo").doesNotContain("modelgate");
        assertThat(text).containsPattern("created_at +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\n");
    }

    private DecisionOutcome decide(String id, String verdict, String reviewer, String note, ObjectNode corrections) {
        return withBeans(beans -> beans.reviewerDecisions().apply(
                beans.decisionReader().of(id, verdict, reviewer, note, corrections), null));
    }

    private List<String> history(String id) {
        try (Database db = Database.open(harness.settings())) {
            return HistoryView.of(id, new ModelHistory(db.dataSource()).of(id), null);
        }
    }

    private <T> T withBeans(Function<PipelineBeans, T> work) {
        Settings settings = harness.settings();
        try (Database db = Database.open(settings)) {
            return work.apply(new PipelineBeans(settings, db.dataSource()));
        }
    }
}
