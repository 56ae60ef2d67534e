package io.modelgate.catalog;

import io.modelgate.model.Change;
import io.modelgate.model.Json;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the catalog does with one registration, given the artifact's rows as stored: nothing
 * (the same content as last time, or a row the pipeline must not change, or an id that is not a
 * model's), or a write with its event. Decided in plain Java, without a database, so every rule
 * that guards the data can be tested alone; {@link ModelCatalog} then writes what it says in the
 * batch's transaction.
 *
 * @param result         what to report: the change, the states before and after, and any refusal
 * @param event          the event the write adds ({@code registered}, {@code updated},
 *                       {@code held}), or null when nothing is written
 * @param contentHash    the hash of what the registration would write
 * @param writesMetadata whether {@code artifacts.metadata} takes the normalized metadata (a held
 *                       artifact's stays as it was)
 */
public record WriteDecision(WriteResult result, String event, String contentHash, boolean writesMetadata) {
    private static final String CREDENTIALS_REMOVED = "N-CREDENTIALS-REMOVED";

    public static WriteDecision of(Registration registration, StoredRow stored) {
        String id = registration.artifactId();
        PromotionState newState = registration.state();
        if (stored.artifactType() != null && !"model".equals(stored.artifactType())) {
            return nothing(new WriteResult(Change.NONE, null, null, new Reason("A-CONFLICT", "the id " + id
                    + " already belongs to a " + stored.artifactType() + " artifact, not a model; choose another id")));
        }
        String hash = contentHash(registration);
        if (hash.equals(stored.contentHash())) {
            return nothing(new WriteResult(Change.UNCHANGED, stored.state(), stored.state(), null));
        }
        Reason refusal = protection(stored, newState);
        if (refusal != null) {
            return nothing(new WriteResult(Change.NONE, stored.state(), stored.state(), refusal));
        }
        if (registration.held() && stored.artifactType() == null) {
            throw new IllegalArgumentException("a held model can only be recorded for an artifact already in the database: " + id);
        }
        String event = registration.held() ? "held" : stored.state() == null ? "registered" : "updated";
        Change change = stored.state() == null ? Change.INSERTED : Change.UPDATED;
        return new WriteDecision(new WriteResult(change, stored.state(), newState, null), event, hash, !registration.held());
    }

    private static WriteDecision nothing(WriteResult result) {
        return new WriteDecision(result, null, null, false);
    }

    /** Whether the rows are written (with one event). */
    public boolean writes() {
        return event != null;
    }

    /** Why the pipeline leaves a row a person decided as it is. */
    public static Reason reviewersDecision(PromotionState state, String decidedBy) {
        return new Reason("R-PROTECTED", "the row is " + state.dbValue() + " by the decision of "
                + decidedBy + "; the pipeline never overwrites a reviewer's decision");
    }

    /** Why the pipeline leaves a rejected or superseded row as it is. */
    public static Reason finalState(PromotionState state) {
        return new Reason("R-PROTECTED", "the row is " + state.dbValue() + "; the pipeline never changes a "
                + state.dbValue() + " model");
    }

    /** Why the row must stay as it is, or null when the pipeline may write it. */
    static Reason protection(StoredRow existing, PromotionState newState) {
        if (existing.state() == null) {
            return null;
        }
        if (!ModelCatalog.PIPELINE.equals(existing.decidedBy())) {
            return reviewersDecision(existing.state(), existing.decidedBy());
        }
        if (existing.state() == PromotionState.REJECTED || existing.state() == PromotionState.SUPERSEDED) {
            return finalState(existing.state());
        }
        if (existing.state() == PromotionState.PROMOTED && newState != PromotionState.PROMOTED) {
            return new Reason("R-PROTECTED", "the row is promoted and the new input would make it "
                    + newState.dbValue() + "; the pipeline never demotes a promoted model");
        }
        return null;
    }

    /** promotion_notes: the reasons in words; a held row's notes start with "held for review:". */
    static String notes(Registration registration) {
        // the note that credentials were removed speaks of the input, not of the row: a rescan of the
        // stored, clean metadata has no such note, and must find the same content
        String reasons = registration.reasons().stream().filter(r -> !CREDENTIALS_REMOVED.equals(r.code()))
                .map(r -> r.code() + " " + r.message()).collect(Collectors.joining("; "));
        if (registration.held()) {
            return ModelCatalog.HELD_PREFIX + reasons;
        }
        return reasons.isEmpty() ? null : reasons;
    }

    /**
     * Hash of everything this registration would write, so the same input twice writes nothing: the
     * SHA-256 of the canonical text of {@code {title, metadata (null when held), version (the
     * model_versions columns as texts), state, notes}}, written field by field in sorted order
     * without building that object as a tree.
     */
    public static String contentHash(Registration registration) {
        // the texts inside it first: each is written with the thread's recycled buffers, which the
        // outer text holds while it is written
        List<String> version = versionText(registration.version());
        String notes = notes(registration);
        return Json.sha256(Json.text(generator -> {
            generator.writeStartObject();
            generator.writeFieldName("metadata");
            Json.writeCanonical(registration.held() ? null : registration.metadata(), generator);
            generator.writeStringField("notes", notes);
            generator.writeStringField("state", registration.state().dbValue());
            generator.writeStringField("title", registration.title());
            generator.writeArrayFieldStart("version");
            for (String column : version) {
                generator.writeString(column);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }));
    }

    private static List<String> versionText(ModelVersion v) {
        return java.util.Arrays.asList(String.valueOf(v.isExternal()), v.externalSourceUrl(), v.externalSourceVersion(),
                v.baseModelId(), v.codeRepoUrl(), v.codeCommitSha(), v.codeEntrypoint(),
                v.trainingStartedAt() == null ? null : v.trainingStartedAt().toInstant().toString(),
                v.trainingCompletedAt() == null ? null : v.trainingCompletedAt().toInstant().toString(),
                v.trainedBy(), v.gpuAllocationId(),
                v.trainingParams() == null ? null : Json.canonical(v.trainingParams()),
                v.evalMetrics() == null ? null : Json.canonical(v.evalMetrics()),
                v.evalDatasetArtifactId(), v.benchmarkId());
    }
}
