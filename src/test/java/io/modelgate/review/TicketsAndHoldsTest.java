package io.modelgate.review;

import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.ModelHistory;
import io.modelgate.db.Database;
import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.model.Json;
import io.modelgate.output.HistoryView;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.SharedDatabase;
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One truth per ticket and per history: every hold and resubmission of an id is logged and shown
 * with its writes, a resolved ticket opens with how it was resolved, each reason is said once, and
 * the next steps are ones the commands can take.
 */
class TicketsAndHoldsTest extends SharedDatabase {
    /** Valid but for the framework, which the schema requires: held V-SCHEMA. */
    private static final TestJson NO_FRAMEWORK = object("model_family", "gbm", "parameter_count", 5000,
            "training_data", "ADNI", "evaluation_dataset", "ADNI holdout", "evaluation_metrics", object("auc", 0.8));
    /** An external model pinned to a moving ref and without a framework: held A-UNPINNED and V-SCHEMA. */
    private static final TestJson UNPINNED_NO_FRAMEWORK = object("model_family", "transformer", "parameter_count", 7000,
            "training_data", "web", "evaluation_dataset", "mmlu", "evaluation_metrics", object("acc", 0.6),
            "is_external", true, "external_source_url", "https://huggingface.co/org/m", "external_source_version", "main");
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
        Files.writeString(inbox.resolve("gbm.json"), model("model-gbm", NO_FRAMEWORK).toString());
        harness.once();
        // dropped again, changed and still without a framework: held again, a resubmission
        Files.writeString(inbox.resolve("gbm-2.json"), model("model-gbm", NO_FRAMEWORK.with("parameter_count", 6000)).toString());
        harness.once();
        // the same file once more says nothing new
        Files.writeString(inbox.resolve("gbm-3.json"), model("model-gbm", NO_FRAMEWORK.with("parameter_count", 6000)).toString());
        harness.once();
        assertThat(database.rows("SELECT source, file, reasons->0->>'code' FROM review_holds ORDER BY id"))
                .containsExactly(List.of("inbox", "gbm.json", "V-SCHEMA"), List.of("inbox", "gbm-2.json", "V-SCHEMA"));

        ObjectNode fix = Json.object();
        fix.put("framework", "xgboost");
        harness.decide("model-gbm", "promote", "ann", "framework from the training log", fix);

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
        harness.decide("model-kept", "reject", "bo", "retired", null);
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

        // the protected row's ticket says what a reviewer can do, and not to drop the file again
        String ticket = Files.readString(harness.reviewQueue().resolve("model-kept.md"));
        assertThat(ticket).contains("dropping it again only holds it again")
                .contains("`modelgate review decide model-kept --promote|--candidate --reviewer NAME --note TEXT"
                        + " --metadata FILE`")
                .doesNotContain("drop the corrected file").doesNotContain("decides again (below)");
    }

    @Test
    void aResolvedTicketOpensWithHowItWasResolved() throws Exception {
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("lm.json"), model("model-lm", UNPINNED_NO_FRAMEWORK).toString());
        harness.once();
        ObjectNode fix = Json.object();
        fix.put("framework", "pytorch");
        fix.put("external_source_version", "0123abcd");
        harness.decide("model-lm", "promote", "cy", "pinned to the released revision", fix);

        String resolved = Files.readString(harness.reviewQueue().resolve(".resolved/model-lm.md"));
        assertThat(resolved).startsWith("# Resolved: Model model-lm\n\n## Decision\n\n"
                + "- **decision**: promote (the row is now promoted)\n- **reviewer**: `reviewer:cy`\n");
        assertThat(resolved).containsPattern("- \\*\\*when\\*\\*: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\n")
                .contains("pinned to the released revision").contains("- **state when held**: not registered")
                .contains("## Why it was held").doesNotContain("current state").doesNotContain("## How to resolve");
        assertThat(resolved.indexOf("## Decision")).isLessThan(resolved.indexOf("- **id**"));
        JsonNode json = Json.parse(Files.readString(harness.reviewQueue().resolve(".resolved/model-lm.json")));
        assertThat(json.get("resolutions").get(0).get("by").asText()).isEqualTo("reviewer:cy");
        assertThat(json.get("reasons")).isNotEmpty();
        assertThat(json.get("errors")).isNotEmpty();

        // a ticket the pipeline resolves, from a later file, says so at its head
        Files.writeString(inbox.resolve("gbm.json"), model("model-gbm", NO_FRAMEWORK).toString());
        harness.once();
        Files.writeString(inbox.resolve("gbm-fixed.json"), InboxTestFiles.promotable("model-gbm"));
        harness.once();
        assertThat(Files.readString(harness.reviewQueue().resolve(".resolved/model-gbm.md")))
                .startsWith("# Resolved: Model model-gbm\n\n## Registered\n\n"
                        + "- **registered**: by the pipeline from later input, as promoted\n");
    }

    @Test
    void eachReasonIsSaidOnceAndAPolicyHoldCanBeAcceptedAsItIs() throws Exception {
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("lm.json"), model("model-lm", UNPINNED_NO_FRAMEWORK).toString());
        Files.writeString(inbox.resolve("ext.json"), model("model-ext",
                UNPINNED_NO_FRAMEWORK.with("framework", "pytorch")).toString());
        harness.once();

        String ticket = Files.readString(harness.reviewQueue().resolve("model-lm.md"));
        String unpinned = "an external model must name the exact upstream version";
        assertThat(ticket.split(Pattern.quote(unpinned), -1)).hasSize(2);
        assertThat(ticket).contains("- **A-UNPINNED** (`/external_source_version`): external_source_version \"main\" is a moving ref; "
                        + unpinned)
                .contains("- **V-SCHEMA**: the metadata does not satisfy schemas/model_artifact_metadata.json in 1 field,"
                        + " listed under Errors")
                .contains("## Errors").contains("--metadata FILE").doesNotContain("--accept-as-is");
        JsonNode json = Json.parse(Files.readString(harness.reviewQueue().resolve("model-lm.json")));
        assertThat(json.get("reasons")).hasSize(3);
        assertThat(json.get("errors")).hasSize(2);

        // only the moving ref held it: it can be taken as it is
        String policyOnly = Files.readString(harness.reviewQueue().resolve("model-ext.md"));
        assertThat(policyOnly).contains("`modelgate review decide model-ext --promote|--candidate --accept-as-is"
                + " --reviewer NAME --note TEXT`").doesNotContain("## Errors");
    }

    private List<String> history(String id) {
        try (Database db = Database.open(harness.settings())) {
            return HistoryView.of(id, new ModelHistory(db.dataSource()).of(id), null);
        }
    }
}
