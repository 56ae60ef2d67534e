package io.modelgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.ChangedMeanwhileException;
import io.modelgate.catalog.DataRefusedException;
import io.modelgate.catalog.DecisionRecords.Applied;
import io.modelgate.catalog.DecisionRecords.DecisionWrite;
import io.modelgate.catalog.DecisionRecords.Stored;
import io.modelgate.catalog.DecisionRecords;
import io.modelgate.catalog.HeldDocuments;
import io.modelgate.catalog.LineageConflictException;
import io.modelgate.catalog.Registration;
import io.modelgate.catalog.WriteDecision;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.rules.ArtifactAssessor;
import io.modelgate.scan.AssessmentMemo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a reviewer's decision, from a decision file or the command line alike: the artifact
 * as it would stand after the decision (its stored document with the corrected fields) goes
 * through the same normalize, validate and reference steps as any input; the catalog writes
 * the row, the event and the supersession in one transaction; the scan is told the version is
 * settled; the ticket moves to .resolved/, headed by the decision.
 *
 * <p>A version kept in use (promote, candidate), or any decision that corrects metadata, needs
 * metadata that can be registered: valid against the schema and unambiguous; corrected metadata
 * must also name registered artifacts. Without corrections, what only a person can judge (a
 * moving upstream ref, an unregistered base model, the evaluation gate, a protected row: the
 * policy reasons) is the reviewer's to accept, and {@code --accept-as-is} asks for exactly that.
 */
public final class ReviewerDecisions {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewerDecisions.class);
    /** What corrected metadata cannot have: it would not be fit to register. */
    private static final Set<String> UNFIT_CORRECTED = Set.of("V-SCHEMA", "A-CONFLICT", "A-UNPARSEABLE", "A-REF");
    private static final int ATTEMPTS = 3;

    private final DecisionRecords records;
    private final HeldDocuments heldDocuments;
    private final Function<Map<String, Object>, Assessment> readRow;
    private final ArtifactAssessor assessor;
    private final AssessmentMemo memo;
    private final ReviewQueue queue;

    /** @param readRow reads an artifacts row into an assessment, as the scan does */
    public ReviewerDecisions(DecisionRecords records, HeldDocuments heldDocuments,
                             Function<Map<String, Object>, Assessment> readRow, ArtifactAssessor assessor,
                             AssessmentMemo memo, ReviewQueue queue) {
        this.records = records;
        this.heldDocuments = heldDocuments;
        this.readRow = readRow;
        this.assessor = assessor;
        this.memo = memo;
        this.queue = queue;
    }

    /**
     * Applies the decision; the same decision again writes nothing.
     *
     * @throws DecisionRefusedException when it cannot be applied (nothing is written)
     */
    public DecisionOutcome apply(ReviewDecision decision, String runId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce(decision, runId);
            } catch (ChangedMeanwhileException e) {
                // the platform or the pipeline wrote the artifact meanwhile: decide on it as it is now
                if (attempt == ATTEMPTS) {
                    throw new DecisionRefusedException("/id", e.getMessage() + ", " + ATTEMPTS + " times; try again");
                }
            }
        }
    }

    private DecisionOutcome applyOnce(ReviewDecision decision, String runId) {
        String id = decision.id();
        Stored stored = records.read(id);
        if (stored == null) {
            ObjectNode held = heldDocuments.read(id);
            if (held == null) {
                throw new DecisionRefusedException("/id", "no artifact and no held inbox file has the id " + id);
            }
            return registerHeld(decision, held, runId);
        }
        if (!"model".equals(stored.artifactType())) {
            throw new DecisionRefusedException("/id", id + " is a " + stored.artifactType() + " artifact, not a model");
        }
        if (stored.state() == null) {
            throw new DecisionRefusedException("/id", id + " has no model_versions row yet: the pipeline registers or"
                    + " holds it first (a backfill for a database artifact; an inbox file is registered once it passes)");
        }
        Map<String, Object> columns = new LinkedHashMap<>(stored.columns());
        columns.put("metadata", corrected(stored.metadata(), decision.corrections()));
        Assessment assessed = readRow.apply(columns);
        assessed.runId(runId);
        assessor.assess(assessed);
        boolean corrects = decision.corrections() != null;
        refuseUnlessFit(decision, assessed);
        boolean readable = assessed.channel() != Channel.FAILED;
        Applied applied;
        try {
            applied = records.apply(new DecisionWrite(id, decision.verdict().state(), decision.actor(),
                    decision.note(), runId, stored.metadata(),
                    readable && (decision.verdict().keepsInUse() || corrects) ? Json.write(assessed.metadata()) : null,
                    readable ? registration(assessed, decision.verdict().state(), runId) : null,
                    readable ? pipelinesHash(assessed, runId) : null, assessed.reasons(), false));
        } catch (DataRefusedException e) {
            // a value PostgreSQL cannot store is the decision's fault, not the database's: no retry
            throw new DecisionRefusedException(e instanceof LineageConflictException ? "/id" : "/metadata", e.getMessage());
        }
        if (readable) {
            settle(assessed, applied, decision);
        }
        return resolved(decision, applied, "");
    }

    /** The ticket moved to .resolved/ with the decision, and the outcome logged and returned. */
    private DecisionOutcome resolved(ReviewDecision decision, Applied applied, String how) {
        Path ticket = queue.resolve(decision.id(), ReviewQueue.Resolution.decided(decision.verdict().label(),
                decision.verdict().state().dbValue(), decision.actor(), decision.note()));
        DecisionOutcome outcome = new DecisionOutcome(decision, applied.fromState(), applied.toState(),
                applied.alreadyApplied(), applied.superseded(), ticket == null ? null : ticket.toString());
        LOG.info("decision {}{}", outcome.summary(), how);
        return outcome;
    }

    /**
     * Decides an inbox file that was held, which registered nothing: its held document, with the
     * corrected fields put in, goes through the same rules, and the decision registers it. Without
     * corrections, it is accepted as it is where only policy reasons held it (a moving upstream
     * ref, an unregistered base model, the evaluation gate); metadata that does not satisfy the
     * schema or is ambiguous needs corrections.
     */
    private DecisionOutcome registerHeld(ReviewDecision decision, ObjectNode held, String runId) {
        String id = decision.id();
        Map<String, Object> columns = new LinkedHashMap<>();
        held.properties().forEach(field -> columns.put(field.getKey(), columnValue(field.getValue())));
        columns.put("metadata", corrected(Json.write(held.path("metadata")), decision.corrections()));
        Assessment assessed = readRow.apply(columns);
        assessed.runId(runId);
        assessor.assess(assessed);
        refuseUnlessFit(decision, assessed);
        Applied applied;
        try {
            applied = records.apply(new DecisionWrite(id, decision.verdict().state(), decision.actor(), decision.note(),
                    runId, null, Json.write(assessed.metadata()), registration(assessed, decision.verdict().state(), runId),
                    pipelinesHash(assessed, runId), assessed.reasons(), true));
        } catch (DataRefusedException e) {
            throw new DecisionRefusedException(e instanceof LineageConflictException ? "/id" : "/metadata", e.getMessage());
        }
        settle(assessed, applied, decision);
        return resolved(decision, applied, " (a held inbox file, registered by it)");
    }

    /** A top-level field of a held document as the scan's row would carry it. */
    private static Object columnValue(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.isValueNode() ? value.asText() : Json.write(value);
    }

    /** The stored metadata with the corrected fields put in (a null value removes the field). */
    private static String corrected(String storedMetadata, ObjectNode corrections) {
        if (corrections == null) {
            return storedMetadata;
        }
        JsonNode stored = Json.parse(storedMetadata);
        ObjectNode metadata = stored.isObject() ? ((ObjectNode) stored).deepCopy() : Json.object();
        corrections.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                metadata.remove(field.getKey());
            } else {
                metadata.set(field.getKey(), field.getValue());
            }
        });
        return Json.write(metadata);
    }

    /**
     * Refuses the decision, before anything is written, where the metadata it would register is not
     * fit: corrected metadata must satisfy the schema, be unambiguous and name registered artifacts;
     * a document taken as it is may be held by policy reasons only, which --accept-as-is asks for
     * whatever the verdict.
     */
    private static void refuseUnlessFit(ReviewDecision decision, Assessment assessed) {
        if (decision.acceptAsIs()) {
            refuseUnlessPolicyOnly(assessed);
        }
        boolean corrects = decision.corrections() != null;
        if (decision.verdict().keepsInUse() || corrects) {
            refuseUnfit(assessed, corrects ? UNFIT_CORRECTED::contains : code -> !PolicyReasons.isPolicy(code));
        }
    }

    /** Taken as it is, only a document that policy reasons alone held: else the reviewer corrects it. */
    private static void refuseUnlessPolicyOnly(Assessment assessed) {
        List<String> needing = assessed.channel() == Channel.FAILED ? List.of(assessed.reasons().get(0).code())
                : PolicyReasons.needingMetadata(assessed.reasons().stream().map(Reason::code).toList());
        if (!needing.isEmpty()) {
            throw new DecisionRefusedException("/metadata", "held for " + String.join(", ", needing)
                    + ", which --accept-as-is cannot take: correct it with --metadata FILE");
        }
    }

    private static void refuseUnfit(Assessment assessed, Predicate<String> unfit) {
        if (assessed.channel() == Channel.FAILED) {
            Reason reason = assessed.reasons().get(0);
            throw new DecisionRefusedException(pointer(assessed.errors()), "the metadata cannot be read: " + reason.message());
        }
        for (Reason reason : assessed.reasons()) {
            if (unfit.test(reason.code())) {
                String why = reason.code().equals("V-SCHEMA") && !assessed.errors().isEmpty()
                        ? "the metadata would not satisfy the schema: " + assessed.errors().get(0).message()
                        : reason.message();
                throw new DecisionRefusedException(pointer(assessed.errors()), why + " (" + reason.code()
                        + "); correct it in the decision's metadata");
            }
        }
    }

    /** The field at fault as a pointer into the decision: its metadata, or the field in it. */
    private static String pointer(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "/metadata";
        }
        String path = errors.get(0).path();
        return path.startsWith("/metadata") ? path : "/metadata" + path;
    }

    /** The row's columns as the decided version stands. */
    private static Registration registration(Assessment a, PromotionState state, String runId) {
        return new Registration(a.id(), a.title(), a.document(), a.metadata(), a.version(), state, a.reasons(), false, runId);
    }

    /**
     * The content hash of what the pipeline itself would register for this input: stored with the
     * decision, it lets the pipeline find the same input unchanged, while new input is refused
     * (R-PROTECTED) and held for a reviewer.
     */
    private static String pipelinesHash(Assessment a, String runId) {
        boolean held = a.channel() == Channel.REVIEW;
        PromotionState state = held ? PromotionState.CANDIDATE : a.newState();
        return WriteDecision.contentHash(new Registration(a.id(), a.title(), a.document(), a.metadata(), a.version(),
                state, a.reasons(), held, runId));
    }

    /**
     * Records the decided version as settled, reported as its row now stands: the next scans
     * leave it alone until its input changes, and open no ticket for it.
     */
    private void settle(Assessment assessed, Applied applied, ReviewDecision decision) {
        PromotionState state = applied.toState();
        assessed.rowVersion(applied.rowVersion());
        assessed.channel(state == PromotionState.PROMOTED ? Channel.PROMOTE
                : state == PromotionState.CANDIDATE ? Channel.CANDIDATE : Channel.REVIEW);
        if (assessed.channel() == Channel.REVIEW) {
            Reason protection = WriteDecision.reviewersDecision(state, decision.actor());
            assessed.reason(protection.code(), protection.message());
        }
        memo.remember(List.of(assessed));
    }
}
