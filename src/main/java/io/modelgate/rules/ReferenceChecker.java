package io.modelgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.ModelVersion;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Step 4, the one place references are checked: what the metadata points at must be there and
 * must not move. A base model that is not registered ({@code A-REF}), an external model pinned
 * to a moving ref or a code commit that is not a SHA ({@code A-UNPINNED}) hold the artifact. An
 * evaluation data set that is a registered artifact is linked through eval_dataset_artifact_id.
 *
 * <p>A batch's checks ask the directory once, for every id its normalized metadata names (a base
 * model, an evaluation data set shaped like an id). A base model that is another artifact of the
 * same batch counts as found: a base model dropped with its fine-tune is registered in the same
 * transaction, before it ({@link io.modelgate.catalog.CatalogWriter}), which holds the fine-tune
 * after all when the base model is held or fails instead ({@link #baseNotRegistered}).
 */
public final class ReferenceChecker {
    static final Set<String> MOVING_REFS = Set.of("main", "master", "latest", "head", "develop", "dev", "trunk", "default");

    private final ArtifactDirectory artifacts;

    public ReferenceChecker(ArtifactDirectory artifacts) {
        this.artifacts = artifacts;
    }

    /** Checks one artifact, as a batch of its own. */
    public void check(Assessment assessment) {
        checkAll(List.of(assessment));
    }

    /** Checks each artifact of a batch whose metadata was normalized, with one question to the directory. */
    public void checkAll(List<Assessment> batch) {
        Set<String> registered = artifacts.available() ? artifacts.existing(named(batch)) : Set.of();
        Set<String> arriving = new HashSet<>();
        batch.stream().filter(a -> a.id() != null).forEach(a -> arriving.add(a.id()));
        for (Assessment assessment : batch) {
            String base = assessment.version().baseModelId();
            // a base model of the same batch is taken as registered; an artifact is never its own
            boolean baseArriving = base != null && arriving.contains(base) && !base.equals(assessment.id());
            check(assessment, id -> registered.contains(id) || baseArriving && id.equals(base));
        }
    }

    /** The ids a batch's checks ask about. */
    private static Set<String> named(List<Assessment> batch) {
        Set<String> ids = new LinkedHashSet<>();
        for (Assessment assessment : batch) {
            if (assessment.version().baseModelId() != null) {
                ids.add(assessment.version().baseModelId());
            }
            String dataset = evaluationDatasetId(assessment);
            if (dataset != null) {
                ids.add(dataset);
            }
        }
        return ids;
    }

    /** The evaluation data set when it is named by an id: most are named in words, and those are not looked up. */
    private static String evaluationDatasetId(Assessment assessment) {
        JsonNode evaluationDataset = assessment.metadata().get("evaluation_dataset");
        return evaluationDataset != null && evaluationDataset.isTextual()
                && EnvelopeReader.ID_PATTERN.matcher(evaluationDataset.asText()).matches()
                ? evaluationDataset.asText() : null;
    }

    private void check(Assessment assessment, Predicate<String> found) {
        ModelVersion version = assessment.version();
        if (artifacts.available() && version.baseModelId() != null && !exists(assessment, version.baseModelId(), found)) {
            hold(assessment, "A-REF", "/base_model_id", "base_model_id \"" + version.baseModelId()
                    + "\" is not a registered artifact; register the base model first or correct the id");
        }
        String upstream = version.externalSourceVersion();
        if (version.isExternal() && upstream != null && MOVING_REFS.contains(upstream.trim().toLowerCase(Locale.ROOT))) {
            hold(assessment, "A-UNPINNED", "/external_source_version", "external_source_version \"" + upstream
                    + "\" is a moving ref; an external model must name the exact upstream version (HF revision, git SHA, Zenodo version)");
        }
        String sha = version.codeCommitSha();
        if (sha != null && !MetadataNormalizer.COMMIT_SHA.matcher(sha).matches()) {
            hold(assessment, "A-UNPINNED", "/code_commit_sha", "code_commit_sha \"" + sha
                    + "\" is not a commit SHA (7-40 hex characters); pin the training code to an exact commit");
        }
        String dataset = evaluationDatasetId(assessment);
        if (dataset != null && exists(assessment, dataset, found)) {
            assessment.version(version.withEvalDatasetArtifactId(dataset));
        }
    }

    /**
     * Holds a model whose base model came in the same run, was taken as registered, and was then
     * held or failed instead ({@code A-REF}).
     */
    public static void baseNotRegistered(Assessment assessment) {
        String base = assessment.version().baseModelId();
        hold(assessment, "A-REF", "/base_model_id", "base_model_id \"" + base + "\" came in the same run but was"
                + " not registered (held or failed); decide the base model first, then this one");
    }

    /** Whether the artifact is found, recorded (with a database) so a scan knows to assess again when it changes. */
    private boolean exists(Assessment assessment, String artifactId, Predicate<String> found) {
        boolean exists = found.test(artifactId);
        if (artifacts.available()) {
            assessment.referenceFound(artifactId, exists);
        }
        return exists;
    }

    private static void hold(Assessment assessment, String code, String path, String message) {
        assessment.reason(code, message);
        assessment.error(path, message);
    }
}
