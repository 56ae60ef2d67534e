package io.modelgate.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** The values of one model_versions row that come from the artifact (promotion columns aside). */
public record ModelVersion(
        boolean isExternal,
        String externalSourceUrl,
        String externalSourceVersion,
        String baseModelId,
        String codeRepoUrl,
        String codeCommitSha,
        String codeEntrypoint,
        OffsetDateTime trainingStartedAt,
        OffsetDateTime trainingCompletedAt,
        String trainedBy,
        String gpuAllocationId,
        JsonNode trainingParams,
        JsonNode evalMetrics,
        String evalDatasetArtifactId,
        String benchmarkId) {

    public boolean hasCodePin() {
        return codeRepoUrl != null && codeCommitSha != null;
    }

    public ModelVersion withEvalDatasetArtifactId(String artifactId) {
        return new ModelVersion(isExternal, externalSourceUrl, externalSourceVersion, baseModelId, codeRepoUrl,
                codeCommitSha, codeEntrypoint, trainingStartedAt, trainingCompletedAt, trainedBy, gpuAllocationId,
                trainingParams, evalMetrics, artifactId, benchmarkId);
    }
}
