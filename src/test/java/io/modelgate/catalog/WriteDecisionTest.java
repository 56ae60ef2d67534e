package io.modelgate.catalog;

import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Change;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.rules.ModelVersionExtractor;
import io.modelgate.support.TestJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's write decision, without a database: what is written, and what the pipeline must leave alone. */
class WriteDecisionTest {
    private static Registration registration(PromotionState state, boolean held) {
        TestJson given = object("model_family", "gbm", "framework", "xgboost", "parameter_count", 10,
                "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.8));
        ObjectNode metadata = given.node();
        ObjectNode document = object("id", "model-a", "title", "A", "metadata", given).node();
        return new Registration("model-a", "A", document, metadata, new ModelVersionExtractor().extract(metadata), state,
                held ? List.of(new Reason("A-UNPINNED", "moving ref")) : List.of(), held, "run-1");
    }

    private static StoredRow row(PromotionState state, String decidedBy, String hash) {
        return new StoredRow("model", "{}", state, decidedBy, hash);
    }

    @Test
    void aNewModelIsRegisteredAndAnOlderOneUpdated() {
        WriteDecision fresh = WriteDecision.of(registration(PromotionState.PROMOTED, false), StoredRow.NONE);
        assertThat(fresh.writes()).isTrue();
        assertThat(fresh.event()).isEqualTo("registered");
        assertThat(fresh.writesMetadata()).isTrue();
        assertThat(fresh.result().change()).isEqualTo(Change.INSERTED);

        WriteDecision update = WriteDecision.of(registration(PromotionState.PROMOTED, false),
                row(PromotionState.CANDIDATE, ModelCatalog.PIPELINE, "older"));
        assertThat(update.event()).isEqualTo("updated");
        assertThat(update.result().oldState()).isEqualTo(PromotionState.CANDIDATE);
        assertThat(update.result().newState()).isEqualTo(PromotionState.PROMOTED);
    }

    @Test
    void theSameContentAgainWritesNothing() {
        Registration registration = registration(PromotionState.PROMOTED, false);
        WriteDecision again = WriteDecision.of(registration, row(PromotionState.PROMOTED, ModelCatalog.PIPELINE,
                WriteDecision.contentHash(registration)));
        assertThat(again.writes()).isFalse();
        assertThat(again.result().change()).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void aHeldModelKeepsItsMetadataAndCannotBeRecordedWithoutItsArtifact() {
        WriteDecision held = WriteDecision.of(registration(PromotionState.CANDIDATE, true),
                new StoredRow("model", "{}", null, null, null));
        assertThat(held.event()).isEqualTo("held");
        assertThat(held.writesMetadata()).isFalse();
        assertThatThrownBy(() -> WriteDecision.of(registration(PromotionState.CANDIDATE, true), StoredRow.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsAReviewerDecidedOrThatAreFinalOrPromotedAreProtected() {
        WriteDecision decided = WriteDecision.of(registration(PromotionState.PROMOTED, false),
                row(PromotionState.CANDIDATE, "reviewer:alice", "older"));
        assertThat(decided.writes()).isFalse();
        assertThat(decided.result().refusal().code()).isEqualTo("R-PROTECTED");
        assertThat(decided.result().refusal().message()).contains("by the decision of reviewer:alice");

        for (PromotionState state : List.of(PromotionState.REJECTED, PromotionState.SUPERSEDED)) {
            WriteDecision last = WriteDecision.of(registration(PromotionState.PROMOTED, false),
                    row(state, ModelCatalog.PIPELINE, "older"));
            assertThat(last.result().refusal()).isEqualTo(WriteDecision.finalState(state));
        }

        WriteDecision demotion = WriteDecision.of(registration(PromotionState.CANDIDATE, false),
                row(PromotionState.PROMOTED, ModelCatalog.PIPELINE, "older"));
        assertThat(demotion.result().refusal().message()).contains("never demotes a promoted model");
        assertThat(demotion.result().newState()).isEqualTo(PromotionState.PROMOTED);
    }

    @Test
    void anIdOfAnotherKindOfArtifactIsNotTakenOver() {
        WriteDecision clash = WriteDecision.of(registration(PromotionState.PROMOTED, false),
                new StoredRow("dataset", "{}", null, null, null));
        assertThat(clash.writes()).isFalse();
        assertThat(clash.result().refusal().code()).isEqualTo("A-CONFLICT");
    }

    @Test
    void theChannelToReportFollowsARefusalAndTheStoredStateOfUnchangedInput() {
        WriteDecision refused = WriteDecision.of(registration(PromotionState.CANDIDATE, false),
                row(PromotionState.PROMOTED, ModelCatalog.PIPELINE, "older"));
        assertThat(refused.result().reported(io.modelgate.model.Channel.CANDIDATE).channel())
                .isEqualTo(io.modelgate.model.Channel.REVIEW);

        Registration registration = registration(PromotionState.CANDIDATE, false);
        WriteDecision unchangedButRejected = WriteDecision.of(registration,
                row(PromotionState.REJECTED, "reviewer:bob", WriteDecision.contentHash(registration)));
        StoredState reported = unchangedButRejected.result().reported(io.modelgate.model.Channel.CANDIDATE);
        assertThat(reported.channel()).isEqualTo(io.modelgate.model.Channel.REVIEW);
        assertThat(reported.reason()).isEqualTo(WriteDecision.finalState(PromotionState.REJECTED));

        WriteDecision written = WriteDecision.of(registration, StoredRow.NONE);
        assertThat(written.result().reported(io.modelgate.model.Channel.CANDIDATE).channel())
                .isEqualTo(io.modelgate.model.Channel.CANDIDATE);
    }

    /** The hash as it was made before it was written without a tree: the stored hashes were made so. */
    private static String hashFromTree(Registration registration) {
        ObjectNode content = io.modelgate.model.Json.object();
        content.put("title", registration.title());
        content.set("metadata", registration.held() ? null : registration.metadata());
        io.modelgate.model.ModelVersion v = registration.version();
        content.set("version", io.modelgate.model.Json.MAPPER.valueToTree(java.util.Arrays.asList(
                String.valueOf(v.isExternal()), v.externalSourceUrl(), v.externalSourceVersion(),
                v.baseModelId(), v.codeRepoUrl(), v.codeCommitSha(), v.codeEntrypoint(),
                v.trainingStartedAt() == null ? null : v.trainingStartedAt().toInstant().toString(),
                v.trainingCompletedAt() == null ? null : v.trainingCompletedAt().toInstant().toString(),
                v.trainedBy(), v.gpuAllocationId(),
                v.trainingParams() == null ? null : io.modelgate.model.Json.canonical(v.trainingParams()),
                v.evalMetrics() == null ? null : io.modelgate.model.Json.canonical(v.evalMetrics()),
                v.evalDatasetArtifactId(), v.benchmarkId())));
        content.put("state", registration.state().dbValue());
        content.put("notes", WriteDecision.notes(registration));
        return io.modelgate.model.Json.sha256(io.modelgate.model.Json.canonical(content));
    }

    @Test
    void theContentHashIsTheHashOfTheContentAsATree() {
        TestJson given = object("model_family", "gbm \"quoted\" \u00e9\u4e2d", "framework", "xgboost", "parameter_count", 10,
                "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.8, "loss", 1.0E-6),
                "hyperparameters", object("lr", 0.0000010, "depth", 6, "tags", List.of("b", "a")),
                "code", object("repo_url", "https://github.com/o/r", "commit_sha", "0123456789abcdef0123456789abcdef01234567"),
                "trained_at", "2024-02-05T10:00:00+02:00");
        ObjectNode metadata = given.node();
        ObjectNode document = object("id", "model-b", "title", "B", "metadata", given).node();
        for (boolean held : new boolean[] {false, true}) {
            for (String title : new String[] {"B", null, "tab\there \u2028"}) {
                Registration registration = new Registration("model-b", title, document, metadata,
                        new ModelVersionExtractor().extract(metadata), held ? PromotionState.CANDIDATE : PromotionState.PROMOTED,
                        held ? List.of(new Reason("A-UNPINNED", "moving ref")) : List.of(), held, "run-1");
                assertThat(WriteDecision.contentHash(registration)).isEqualTo(hashFromTree(registration));
            }
        }
        Registration plain = registration(PromotionState.PROMOTED, false);
        assertThat(WriteDecision.contentHash(plain)).isEqualTo(hashFromTree(plain));
    }
}
