package io.modelgate.review;

import static io.modelgate.support.TestJson.decision;
import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.config.Settings;
import io.modelgate.model.Json;
import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.SharedDatabase;
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reviewer's decisions, through the bean the command uses and through decision files, on a real PostgreSQL. */
class ReviewerDecisionsTest extends SharedDatabase {
    /** Valid, but an external model pinned to a moving ref: held (A-UNPINNED), which a reviewer may accept. */
    static final TestJson UNPINNED = object("model_family", "transformer", "framework", "pytorch",
            "parameter_count", 7000, "training_data", "web", "evaluation_dataset", "mmlu",
            "evaluation_metrics", object("acc", 0.6), "is_external", true,
            "external_source_url", "https://huggingface.co/org/m", "external_source_version", "main");
    /** A parameter count that does not convert exactly: held (A-UNPARSEABLE) until corrected. */
    static final TestJson UNPARSEABLE = object("architecture", "cnn", "framework", "keras", "n_params", "~2M",
            "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.7));
    static final TestJson PROMOTABLE = object("model_family", "gbm", "framework", "xgboost", "parameter_count", 10,
            "training_data", "ADNI", "evaluation_dataset", "ADNI holdout", "evaluation_metrics", object("auc", 0.8));

    @TempDir
    Path root;
    private PipelineHarness harness;

    @BeforeEach
    void freshState() {
        harness = new PipelineHarness(database, root);
        database.truncateAll();
    }

    private void artifact(String id, TestJson metadata) {
        String origin = metadata.node().path("is_external").asBoolean() ? "external" : "internal";
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, origin_type) VALUES ('" + id
                + "', 'model', 'Model " + id + "', '" + metadata + "', '" + origin + "')");
    }

    private List<List<String>> events(String id) {
        return database.rows("SELECT event, from_state, to_state, actor, note FROM model_version_events WHERE artifact_id = '"
                + id + "' ORDER BY id");
    }

    private static String inboxFile(String id, TestJson metadata) {
        return envelope(id).with("title", "Dropped " + id).with("metadata", metadata).toString();
    }

    @Test
    void aHeldInboxFileIsRegisteredByTheDecisionAsItIsOrOnceCorrectedAndTheNextRunsLeaveItAlone() throws Exception {
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("ext.json"), inboxFile("model-drop-ext", UNPINNED));
        Files.writeString(inbox.resolve("bad.json"), inboxFile("model-drop-bad", UNPARSEABLE));
        assertThat(harness.once().count("review")).isEqualTo(2);
        // held: nothing registered, the documents kept for the reviewer
        assertThat(database.count("SELECT count(*) FROM artifacts")).isZero();
        assertThat(database.count("SELECT count(*) FROM held_inbox_documents")).isEqualTo(2);

        // only a policy reason held it: taken as it is
        DecisionOutcome promoted = harness.decide("model-drop-ext", "promote", "alice", "main is pinned by policy", null);

        assertThat(promoted.toState().dbValue()).isEqualTo("promoted");
        assertThat(database.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = 'model-drop-ext'"))
                .containsExactly(List.of("promoted", "reviewer:alice"));
        assertThat(database.single("SELECT origin_type FROM artifacts WHERE id = 'model-drop-ext'")).isEqualTo("external");
        assertThat(events("model-drop-ext")).hasSize(1).first().satisfies(e -> assertThat(e.get(0)).isEqualTo("reviewed"));
        assertThat(harness.reviewQueue().resolve(".resolved/model-drop-ext.md")).exists();

        // metadata a person must correct: refused as it is, and nothing written
        assertThatThrownBy(() -> harness.decide("model-drop-bad", "promote", "alice", "as is", null))
                .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("A-UNPARSEABLE");
        assertThat(database.count("SELECT count(*) FROM artifacts WHERE id = 'model-drop-bad'")).isZero();
        ObjectNode fix = Json.object();
        fix.putNull("n_params");
        fix.put("parameter_count", 2000000);
        DecisionOutcome corrected = harness.decide("model-drop-bad", "promote", "bob", "two million", fix);

        assertThat(corrected.toState().dbValue()).isEqualTo("promoted");
        assertThat(database.single("SELECT metadata->>'parameter_count' FROM artifacts WHERE id = 'model-drop-bad'"))
                .isEqualTo("2000000");
        assertThat(database.count("SELECT count(*) FROM held_inbox_documents")).isZero();
        // the same decision again writes nothing
        harness.decide("model-drop-bad", "promote", "bob", "two million", fix);
        assertThat(events("model-drop-bad")).hasSize(1);

        // the next runs find both as the reviewers left them: no write, no ticket
        RunResult next = harness.backfill();
        assertThat(next.count("unchanged")).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(2);
        assertThat(harness.reviewQueue().resolve("model-drop-ext.md")).doesNotExist();
        // an id nobody dropped or registered is refused, naming both places it looked
        assertThatThrownBy(() -> harness.decide("model-nowhere", "reject", "alice", "n", null))
                .hasMessageContaining("no artifact and no held inbox file has the id model-nowhere");
    }

    @Test
    void acceptingAsIsTakesWhatOnlyAPolicyHeldAndRefusesMetadataThatIsNotFitWritingNothing() {
        artifact("model-ft", PROMOTABLE.with("base_model_id", "model-not-here"));
        artifact("model-fix", UNPARSEABLE);
        harness.backfill();

        // an unregistered base model is the reviewer's to accept: the row then names none
        DecisionOutcome accepted = harness.withBeans(beans -> beans.reviewerDecisions().apply(beans.decisionReader()
                .of("model-ft", "promote", "ivy", "the base model lives elsewhere", null).acceptingAsIs(), null));

        assertThat(accepted.toState().dbValue()).isEqualTo("promoted");
        assertThat(database.rows("SELECT promotion_state, decided_by, coalesce(base_model_id, 'none') FROM model_versions"
                + " WHERE artifact_id = 'model-ft'")).containsExactly(List.of("promoted", "reviewer:ivy", "none"));

        // a value that does not convert is not: refused, naming --metadata, and nothing written
        assertThatThrownBy(() -> harness.withBeans(beans -> beans.reviewerDecisions().apply(beans.decisionReader()
                .of("model-fix", "reject", "ivy", "as it is", null).acceptingAsIs(), null)))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessage("/metadata: held for A-UNPARSEABLE, V-SCHEMA, which --accept-as-is cannot take: correct it with"
                        + " --metadata FILE");
        assertThat(events("model-fix")).hasSize(1);
        assertThat(harness.reviewQueue().resolve("model-fix.md")).exists();
    }

    @Test
    void aPromotionWritesTheRowOneEventAndClosesTheTicketAndTheNextScansLeaveItAlone() throws Exception {
        artifact("model-ext", UNPINNED);
        assertThat(harness.backfill().count("review")).isEqualTo(1);
        assertThat(harness.reviewQueue().resolve("model-ext.md")).exists();

        DecisionOutcome outcome = harness.decide("model-ext", "promote", "alice", "main is pinned upstream by policy | ok", null);

        assertThat(outcome.fromState().dbValue()).isEqualTo("candidate");
        assertThat(outcome.toState().dbValue()).isEqualTo("promoted");
        assertThat(database.rows("SELECT promotion_state, decided_by FROM model_versions"))
                .containsExactly(List.of("promoted", "reviewer:alice"));
        assertThat(events("model-ext")).containsExactly(
                Arrays.asList("held", null, "candidate", "modelgate", null),
                List.of("reviewed", "candidate", "promoted", "reviewer:alice", "main is pinned upstream by policy | ok"));
        assertThat(harness.reviewQueue().resolve("model-ext.md")).doesNotExist();
        String ticket = Files.readString(harness.reviewQueue().resolve(".resolved/model-ext.md"));
        assertThat(ticket).contains("## Decision").contains("- **decision**: promote (the row is now promoted)")
                .contains("`reviewer:alice`").contains("main is pinned upstream by policy | ok");

        // the pipeline leaves the decided version alone: reported as it stands, no event, no ticket
        RunResult again = harness.backfill();
        assertThat(again.count("promote")).isEqualTo(1);
        assertThat(again.count("unchanged")).isEqualTo(1);
        assertThat(events("model-ext")).hasSize(2);
        assertThat(harness.reviewQueue().resolve("model-ext.md")).doesNotExist();

        // the same decision again (a rerun after a crash) writes nothing and appends nothing
        assertThat(harness.decide("model-ext", "promote", "alice", "main is pinned upstream by policy | ok", null).alreadyApplied())
                .isTrue();
        assertThat(events("model-ext")).hasSize(2);
        String resolved = Files.readString(harness.reviewQueue().resolve(".resolved/model-ext.md"));
        assertThat(resolved.split("## Decision", -1)).hasSize(2);
    }

    @Test
    void eachDecisionKindSetsItsStateAndARejectedVersionIsNotHeldAgainByTheScan() {
        artifact("model-c", UNPINNED);
        artifact("model-r", UNPINNED);
        artifact("model-s", PROMOTABLE);
        harness.backfill();

        harness.decide("model-c", "candidate", "bob", "keep it a candidate until evaluated", null);
        harness.decide("model-r", "reject", "bob", "not reproducible", null);
        harness.decide("model-s", "supersede", "bob", "replaced by a newer line", null);

        assertThat(database.rows("SELECT artifact_id, promotion_state, decided_by FROM model_versions ORDER BY 1"))
                .containsExactly(List.of("model-c", "candidate", "reviewer:bob"),
                        List.of("model-r", "rejected", "reviewer:bob"),
                        List.of("model-s", "superseded", "reviewer:bob"));
        for (String id : List.of("model-c", "model-r", "model-s")) {
            assertThat(events(id)).hasSize(2).last().satisfies(e -> assertThat(e.get(0)).isEqualTo("reviewed"));
        }
        RunResult after = harness.backfill();
        // the candidate is unchanged; the rejected and the superseded rows are left as decided
        assertThat(after.count("unchanged")).isEqualTo(1);
        assertThat(after.count("decided")).isEqualTo(2);
        assertThat(harness.reviewQueue().resolve("model-r.md")).doesNotExist();
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(6);
    }

    @Test
    void correctedMetadataGoesThroughTheRulesAndInvalidCorrectionsChangeNothing() throws Exception {
        artifact("model-fix", UNPARSEABLE);
        harness.backfill();

        ObjectNode wrong = Json.object().put("n_params", "-5");
        assertThatThrownBy(() -> harness.decide("model-fix", "promote", "carol", "count fixed", wrong))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessageStartingWith("/metadata/parameter_count: ");
        ObjectNode stillAmbiguous = Json.object().put("architecture", "cnn");
        assertThatThrownBy(() -> harness.decide("model-fix", "promote", "carol", "count fixed", stillAmbiguous))
                .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("A-UNPARSEABLE");
        assertThat(events("model-fix")).hasSize(1);
        assertThat(harness.reviewQueue().resolve("model-fix.md")).exists();

        harness.decide("model-fix", "promote", "carol", "count fixed", Json.object().put("n_params", "2,000,000"));

        JsonNode metadata = Json.parse(database.single("SELECT metadata::text FROM artifacts WHERE id = 'model-fix'"));
        assertThat(metadata.get("parameter_count").asLong()).isEqualTo(2_000_000L);
        assertThat(metadata.get("model_family").asText()).isEqualTo("cnn");
        assertThat(database.single("SELECT promotion_state FROM model_versions")).isEqualTo("promoted");
        assertThat(database.rows("SELECT metadata_before->>'n_params', metadata_after->>'parameter_count'"
                + " FROM model_version_events WHERE event = 'reviewed'")).containsExactly(List.of("~2M", "2000000"));

        RunResult after = harness.backfill();
        assertThat(after.count("promote")).isEqualTo(1);
        assertThat(after.count("unchanged")).isEqualTo(1);
        assertThat(events("model-fix")).hasSize(2);
    }

    @Test
    void promotingANewerVersionSupersedesTheOlderPromotedOnesOfItsLineage() {
        artifact("model-v1", PROMOTABLE);
        artifact("model-v2", UNPINNED);
        database.execute("UPDATE artifacts SET parent_version_id = 'model-v1' WHERE id = 'model-v2'");
        harness.backfill();
        assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-v1'"))
                .isEqualTo("promoted");

        DecisionOutcome outcome = harness.decide("model-v2", "promote", "dave", "v2 replaces v1", null);

        assertThat(outcome.superseded()).containsExactly("model-v1");
        assertThat(database.rows("SELECT artifact_id, promotion_state, decided_by FROM model_versions ORDER BY 1"))
                .containsExactly(List.of("model-v1", "superseded", "reviewer:dave"),
                        List.of("model-v2", "promoted", "reviewer:dave"));
        assertThat(events("model-v1")).last().isEqualTo(
                List.of("superseded", "promoted", "superseded", "reviewer:dave", "superseded by model-v2: v2 replaces v1"));
        // the pipeline never writes superseded itself, and leaves it alone
        RunResult after = harness.backfill();
        assertThat(after.count("unchanged")).isEqualTo(1);
        assertThat(after.count("decided")).isEqualTo(1);
        assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-v1'"))
                .isEqualTo("superseded");
    }

    @Test
    void decisionsThatCannotBeAppliedSayWhyAndWriteNothing() {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('dataset-x', 'dataset', 'D', '{}')");
        artifact("model-new", PROMOTABLE);

        assertThatThrownBy(() -> harness.decide("model-none", "promote", "erin", "n", null))
                .hasMessage("/id: no artifact and no held inbox file has the id model-none");
        assertThatThrownBy(() -> harness.decide("dataset-x", "reject", "erin", "n", null))
                .hasMessage("/id: dataset-x is a dataset artifact, not a model");
        assertThatThrownBy(() -> harness.decide("model-new", "promote", "erin", "n", null))
                .hasMessageStartingWith("/id: model-new has no model_versions row yet");
        assertThatThrownBy(() -> harness.decide("model-new", "promote", "erin smith", "n", null))
                .hasMessageStartingWith("/reviewer: must name the reviewer");
        assertThatThrownBy(() -> harness.decide("model-new", "promote", "<script>", "n", null))
                .hasMessageStartingWith("/reviewer: ");
        assertThatThrownBy(() -> harness.decide("model-new", "approve", "erin", "n", null))
                .hasMessage("/decision: must be one of promote, candidate, reject, supersede, not \"approve\"");
        assertThatThrownBy(() -> harness.decide("model-new", "reject", "erin", " ", null)).hasMessageStartingWith("/note: ");
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isZero();
        assertThat(database.count("SELECT count(*) FROM model_versions")).isZero();
    }

    @Test
    void aDecisionFileIsAppliedByRunOnceAndABadOneIsMovedToFailedWithItsReason() throws Exception {
        artifact("model-ext", UNPINNED);
        harness.backfill();
        Path decisions = harness.reviewQueue().resolve("decisions");
        Files.createDirectories(decisions);
        Files.writeString(decisions.resolve("model-ext.json"), decision("model-ext", "reject", "frank",
                "the upstream repo is gone\n| a | table | cannot break it |\n```").toString());
        Files.writeString(decisions.resolve("model-other.json"),
                decision("model-ext", "reject", "frank", "wrong file name").toString());
        Files.writeString(decisions.resolve("model-bad.json"), decision("model-bad", "approve", "frank", "n").toString());

        harness.once();

        assertThat(database.rows("SELECT promotion_state, decided_by FROM model_versions"))
                .containsExactly(List.of("rejected", "reviewer:frank"));
        assertThat(decisions.resolve(".done/model-ext.json")).exists();
        assertThat(decisions.resolve(".failed/model-other.json")).exists();
        assertThat(Files.readString(decisions.resolve(".failed/model-other.json.error.txt")))
                .isEqualTo("model-other.json: /id: the file is named model-other.json but decides on model-ext;"
                        + " name it model-ext.json\n");
        assertThat(Files.readString(decisions.resolve(".failed/model-bad.json.error.txt")))
                .startsWith("model-bad.json: /decision: must be one of");
        try (Stream<Path> left = Files.list(decisions)) {
            assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
        }
        // the note is fenced: its table and its backticks stay inside the fence
        String ticket = Files.readString(harness.reviewQueue().resolve(".resolved/model-ext.md"));
        assertThat(ticket).contains("````text\nthe upstream repo is gone\n| a | table | cannot break it |\n```\n````\n");
        assertThat(database.count("SELECT count(*) FROM camel_messageprocessed")).isZero();
    }

    @Test
    void aDecisionAppliedBeforeACrashIsNotAppliedAgainWhenItsFileIsReadOnTheRerun() throws Exception {
        artifact("model-ext", UNPINNED);
        harness.backfill();
        Path decisions = harness.reviewQueue().resolve("decisions");
        Files.createDirectories(decisions);
        Files.writeString(decisions.resolve("model-ext.json"),
                decision("model-ext", "promote", "gina", "ok").toString());
        // the process wrote the decision and died before the file moved
        harness.decide("model-ext", "promote", "gina", "ok", null);

        harness.once();

        assertThat(decisions.resolve(".done/model-ext.json")).exists();
        assertThat(events("model-ext")).extracting(e -> e.get(0)).containsExactly("held", "reviewed");
        String ticket = Files.readString(harness.reviewQueue().resolve(".resolved/model-ext.md"));
        assertThat(ticket.split("## Decision", -1)).hasSize(2);
    }

    @Test
    void twoInstancesReadingOneDecisionFileApplyItOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            artifact("model-ext-" + i, UNPINNED);
        }
        harness.backfill();
        Path decisions = harness.reviewQueue().resolve("decisions");
        Files.createDirectories(decisions);
        for (int i = 0; i < 6; i++) {
            Files.writeString(decisions.resolve("model-ext-" + i + ".json"), decision("model-ext-" + i, "promote", "hal", "ok")
                    .toString());
        }
        PipelineHarness second = new PipelineHarness(database, root.resolve("b"))
                .set(Settings.REVIEW_QUEUE, harness.reviewQueue().toString())
                .set(Settings.CLAIM_RELEASE_MILLIS, "2000");

        CompletableFuture<RunResult> a = CompletableFuture.supplyAsync(harness::once);
        CompletableFuture<RunResult> b = CompletableFuture.supplyAsync(second::once);
        a.get();
        b.get();

        assertThat(database.count("SELECT count(*) FROM model_version_events WHERE event = 'reviewed'")).isEqualTo(6);
        assertThat(database.count("SELECT count(*) FROM model_versions WHERE promotion_state = 'promoted'")).isEqualTo(6);
        try (Stream<Path> done = Files.list(decisions.resolve(".done"))) {
            assertThat(done.count()).isEqualTo(6);
        }
        try (Stream<Path> left = Files.list(decisions)) {
            assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }
}
