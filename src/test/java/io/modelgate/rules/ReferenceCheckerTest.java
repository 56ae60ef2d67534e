package io.modelgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step 4: what the metadata points at must be registered and must not move. */
class ReferenceCheckerTest {
    /** A directory that must not be asked: the answer was known in advance, or the name is not an id. */
    private static final ArtifactDirectory NOT_ASKED = id -> {
        throw new AssertionError("the directory was asked about " + id);
    };

    private static ArtifactDirectory registered(String... ids) {
        return Set.of(ids)::contains;
    }

    private static Assessment assessment(ObjectNode metadata) {
        Assessment assessment = new Assessment(Assessment.SOURCE_INBOX, "model.json");
        assessment.id("model-1");
        assessment.metadata(metadata);
        assessment.version(new ModelVersionExtractor().extract(metadata));
        return assessment;
    }

    private static Assessment checked(ArtifactDirectory directory, ObjectNode metadata) {
        Assessment assessment = assessment(metadata);
        new ReferenceChecker(directory).check(assessment);
        return assessment;
    }

    @Test
    void anUnregisteredBaseModelHoldsTheArtifactWithARef() {
        Assessment a = checked(registered("other"), Json.object().put("base_model_id", "base-7"));

        String message = "base_model_id \"base-7\" is not a registered artifact; register the base model first"
                + " or correct the id";
        assertThat(a.reasons()).containsExactly(new Reason("A-REF", message));
        assertThat(a.errors()).containsExactly(new FieldError("/base_model_id", message));
        assertThat(a.isHeld()).isTrue();
        assertThat(a.referencesFound()).containsExactly(entry("base-7", false));
    }

    @Test
    void aRegisteredBaseModelHoldsNothingAndIsRecordedAsFound() {
        Assessment a = checked(registered("base-7"), Json.object().put("base_model_id", "base-7"));

        assertThat(a.reasons()).isEmpty();
        assertThat(a.errors()).isEmpty();
        assertThat(a.referencesFound()).containsExactly(entry("base-7", true));
    }

    @Test
    void withoutADatabaseTheBaseModelGoesUncheckedAndNothingIsRecorded() {
        Assessment a = checked(ArtifactDirectory.OFFLINE, Json.object().put("base_model_id", "base-7"));

        assertThat(a.reasons()).isEmpty();
        assertThat(a.referencesFound()).isEmpty();
    }

    @Test
    void aBatchAsksTheDirectoryOnceForEveryIdItNames() {
        List<Collection<String>> asked = new ArrayList<>();
        ArtifactDirectory directory = new ArtifactDirectory() {
            @Override
            public boolean exists(String artifactId) {
                throw new AssertionError("the directory was asked about " + artifactId + " alone");
            }

            @Override
            public Set<String> existing(Collection<String> artifactIds) {
                asked.add(List.copyOf(artifactIds));
                return Set.of("base-7");
            }
        };
        Assessment found = assessment(Json.object().put("base_model_id", "base-7"));
        Assessment missing = assessment(Json.object().put("base_model_id", "base-8"));
        new ReferenceChecker(directory).checkAll(List.of(found, missing));

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).containsExactlyInAnyOrder("base-7", "base-8");
        assertThat(found.reasons()).isEmpty();
        assertThat(found.referencesFound()).containsExactly(entry("base-7", true));
        assertThat(missing.reasons()).extracting(Reason::code).containsExactly("A-REF");
        assertThat(missing.referencesFound()).containsExactly(entry("base-8", false));
    }

    @Test
    void aBaseModelArrivingInTheSameBatchCountsAsFoundButNotAnArtifactNamingItself() {
        Assessment base = assessment(Json.object());
        base.id("base-7");
        Assessment fineTune = assessment(Json.object().put("base_model_id", "base-7"));
        Assessment itself = assessment(Json.object().put("base_model_id", "model-9"));
        itself.id("model-9");
        new ReferenceChecker(registered()).checkAll(List.of(base, fineTune, itself));

        assertThat(fineTune.reasons()).isEmpty();
        assertThat(fineTune.referencesFound()).containsExactly(entry("base-7", true));
        assertThat(itself.reasons()).extracting(Reason::code).containsExactly("A-REF");
    }

    @Test
    void anExternalModelPinnedToAMovingRefIsHeldWhateverItsCaseAndSpaces() {
        Assessment a = checked(registered(), Json.object().put("is_external", true)
                .put("external_source_version", " Main "));

        String message = "external_source_version \" Main \" is a moving ref; an external model must name the exact"
                + " upstream version (HF revision, git SHA, Zenodo version)";
        assertThat(a.reasons()).containsExactly(new Reason("A-UNPINNED", message));
        assertThat(a.errors()).containsExactly(new FieldError("/external_source_version", message));
    }

    @Test
    void anExactUpstreamVersionOrAModelThatIsNotExternalIsNotHeldForItsVersion() {
        Assessment pinned = checked(registered(), Json.object().put("is_external", true)
                .put("external_source_version", "v2.1.0"));
        Assessment internal = checked(registered(), Json.object().put("is_external", false)
                .put("external_source_version", "latest"));

        assertThat(pinned.reasons()).isEmpty();
        assertThat(internal.reasons()).isEmpty();
    }

    @Test
    void aCodeCommitThatIsNotAShaIsHeldAndAShortShaIsEnough() {
        Assessment branch = checked(registered(), Json.object().put("code_commit_sha", "release-1"));
        Assessment sha = checked(registered(), Json.object().put("code_commit_sha", "9fceb02"));

        String message = "code_commit_sha \"release-1\" is not a commit SHA (7-40 hex characters); pin the training"
                + " code to an exact commit";
        assertThat(branch.reasons()).containsExactly(new Reason("A-UNPINNED", message));
        assertThat(branch.errors()).containsExactly(new FieldError("/code_commit_sha", message));
        assertThat(sha.reasons()).isEmpty();
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        Assessment a = checked(registered(), Json.object().put("base_model_id", "base-7").put("is_external", true)
                .put("external_source_version", "HEAD").put("code_commit_sha", "abc"));

        assertThat(a.reasons()).extracting(Reason::code).containsExactly("A-REF", "A-UNPINNED", "A-UNPINNED");
        assertThat(a.errors()).extracting(FieldError::path)
                .containsExactly("/base_model_id", "/external_source_version", "/code_commit_sha");
    }

    @Test
    void aRegisteredEvaluationDataSetIsLinkedByItsId() {
        Assessment a = checked(registered("dataset-3"), Json.object().put("evaluation_dataset", "dataset-3"));

        assertThat(a.version().evalDatasetArtifactId()).isEqualTo("dataset-3");
        assertThat(a.reasons()).isEmpty();
        assertThat(a.referencesFound()).containsExactly(entry("dataset-3", true));
    }

    @Test
    void anEvaluationDataSetThatIsNotRegisteredIsNotLinkedAndHoldsNothing() {
        Assessment a = checked(registered(), Json.object().put("evaluation_dataset", "dataset-3"));

        assertThat(a.version().evalDatasetArtifactId()).isNull();
        assertThat(a.reasons()).isEmpty();
        assertThat(a.referencesFound()).containsExactly(entry("dataset-3", false));
    }

    @Test
    void anEvaluationDataSetNamedInWordsIsNotLookedUp() {
        Assessment a = checked(NOT_ASKED, Json.object().put("evaluation_dataset", "ADNI holdout"));

        assertThat(a.version().evalDatasetArtifactId()).isNull();
        assertThat(a.reasons()).isEmpty();
        assertThat(a.referencesFound()).isEmpty();
    }

    @Test
    void aBaseModelOfTheSameRunThatWasNotRegisteredHoldsTheModelWithARef() {
        Assessment a = assessment(Json.object().put("base_model_id", "base-7"));

        ReferenceChecker.baseNotRegistered(a);

        String message = "base_model_id \"base-7\" came in the same run but was not registered (held or failed);"
                + " decide the base model first, then this one";
        assertThat(a.reasons()).containsExactly(new Reason("A-REF", message));
        assertThat(a.errors()).containsExactly(new FieldError("/base_model_id", message));
    }
}
