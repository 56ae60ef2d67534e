package io.modelgate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.ModelVersion;
import java.util.Locale;
import java.util.Set;

/**
 * Step 4: what the metadata points at must be there and must not move. A base model that is not
 * registered ({@code A-REF}), an external model pinned to a moving ref or a code commit that is not
 * a SHA ({@code A-UNPINNED}) hold the artifact. An evaluation data set that is a registered
 * artifact is linked through eval_dataset_artifact_id.
 */
public final class ReferenceChecker {
    static final Set<String> MOVING_REFS = Set.of("main", "master", "latest", "head", "develop", "dev", "trunk", "default");

    private final ArtifactDirectory artifacts;

    public ReferenceChecker(ArtifactDirectory artifacts) {
        this.artifacts = artifacts;
    }

    public void check(Assessment assessment) {
        JsonNode metadata = assessment.metadata();
        ModelVersion version = assessment.version();
        if (artifacts.available() && version.baseModelId() != null && !exists(assessment, version.baseModelId())) {
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
        JsonNode evaluationDataset = metadata.get("evaluation_dataset");
        // most data sets are named in words; only a name shaped like an id is looked up
        if (evaluationDataset != null && evaluationDataset.isTextual()
                && EnvelopeReader.ID_PATTERN.matcher(evaluationDataset.asText()).matches()
                && exists(assessment, evaluationDataset.asText())) {
            assessment.version(version.withEvalDatasetArtifactId(evaluationDataset.asText()));
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

    private boolean exists(Assessment assessment, String artifactId) {
        Boolean known = assessment.knownReference(artifactId);
        boolean found = known != null ? known : artifacts.exists(artifactId);
        if (artifacts.available()) {
            assessment.referenceFound(artifactId, found);
        }
        return found;
    }

    private static void hold(Assessment assessment, String code, String path, String message) {
        assessment.reason(code, message);
        assessment.error(path, message);
    }
}
