package io.modelgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Json;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.PromotionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the catalog's own tables ({@code artifacts}, {@code model_versions},
 * {@code model_version_events}) as the pipeline's writer ({@link ModelCatalog}) and a reviewer's
 * decision ({@link DecisionRecords}) read and write them, and how each statement's parameters
 * are bound: prepared statements only, the values never in the SQL text. The other tables'
 * SQL is in {@link HoldStatements}, {@link RunStatements}, {@code scan.ScanStatements} and
 * {@link StatusStatements}; the lineages' is in {@link LineageStatements}.
 */
public final class CatalogStatements {
    private CatalogStatements() {
    }

    /**
     * The artifacts rows the batch updates, written by one statement that returns each updated
     * row's new version ({@code xmin}), read inside the transaction (the rows stay locked until it
     * commits): the next scan finds the row as written and knows it is settled. A row whose title
     * and metadata are equal as values is left as it is, and keeps its version.
     */
    static final class ArtifactUpdates {
        private static final String SQL = "UPDATE artifacts a SET title = u.title, metadata = u.metadata, updated_at = now()"
                + " FROM (SELECT id, title, metadata::jsonb AS metadata FROM unnest(?::text[], ?::text[], ?::text[])"
                + "   AS t(id, title, metadata) OFFSET 0) u"
                + " WHERE a.id = u.id AND (a.title IS DISTINCT FROM u.title OR a.metadata IS DISTINCT FROM u.metadata)"
                + " RETURNING a.id, a.xmin::text";
        private final List<String> ids = new ArrayList<>();
        private final List<String> titles = new ArrayList<>();
        private final List<String> metadata = new ArrayList<>();

        void add(String id, String title, String metadataJson) {
            ids.add(id);
            titles.add(title);
            metadata.add(metadataJson);
        }

        Map<String, String> execute(Connection connection) throws SQLException {
            Map<String, String> versions = new HashMap<>();
            if (ids.isEmpty()) {
                return versions;
            }
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
                statement.setArray(2, connection.createArrayOf("text", titles.toArray()));
                statement.setArray(3, connection.createArrayOf("text", metadata.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return versions;
        }
    }

    static final String INSERT_ARTIFACT = "INSERT INTO artifacts (id, artifact_type, title, metadata,"
            + " version_number, parent_version_id, version_tag, changelog, is_latest, lifecycle_state, superseded_by,"
            + " origin_type, origin_url)"
            + " VALUES (?, 'model', ?, ?::jsonb, COALESCE(?, 1), ?, ?, ?, COALESCE(?, true), COALESCE(?, 'active'), ?,"
            + " COALESCE(?, 'internal'), ?)";

    /**
     * Adds the insert of an inbox file's artifact. Its origin_type is the document's, or, where the
     * document has none, what its normalized metadata says (is_external), never the column's
     * default: the scan reads the stored row as its input, and a default "internal" beside
     * is_external = true would read as a contradiction the file never had (A-CONFLICT).
     */
    static void addInsertArtifact(PreparedStatement statement, ObjectNode document, String title, JsonNode metadata,
                                  String metadataJson) throws SQLException {
        statement.setString(1, document.path("id").asText());
        statement.setString(2, title);
        statement.setString(3, metadataJson);
        int originType = bindLineage(statement, 4, document) - 2;
        JsonNode given = document.get("origin_type");
        if (given == null || given.isNull()) {
            statement.setString(originType, metadata.path("is_external").asBoolean(false) ? "external" : "internal");
        }
        statement.addBatch();
    }

    static final String UPSERT_MODEL_VERSION = "INSERT INTO model_versions (artifact_id, is_external,"
            + " external_source_url, external_source_version, base_model_id, code_repo_url, code_commit_sha,"
            + " code_entrypoint, training_started_at, training_completed_at, trained_by, gpu_allocation_id,"
            + " training_params_json, eval_metrics_json, eval_dataset_artifact_id, benchmark_id, promotion_state,"
            + " promotion_notes, content_hash, decided_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (artifact_id) DO UPDATE SET is_external = EXCLUDED.is_external,"
            + " external_source_url = EXCLUDED.external_source_url,"
            + " external_source_version = EXCLUDED.external_source_version, base_model_id = EXCLUDED.base_model_id,"
            + " code_repo_url = EXCLUDED.code_repo_url, code_commit_sha = EXCLUDED.code_commit_sha,"
            + " code_entrypoint = EXCLUDED.code_entrypoint, training_started_at = EXCLUDED.training_started_at,"
            + " training_completed_at = EXCLUDED.training_completed_at, trained_by = EXCLUDED.trained_by,"
            + " gpu_allocation_id = EXCLUDED.gpu_allocation_id, training_params_json = EXCLUDED.training_params_json,"
            + " eval_metrics_json = EXCLUDED.eval_metrics_json,"
            + " eval_dataset_artifact_id = EXCLUDED.eval_dataset_artifact_id, benchmark_id = EXCLUDED.benchmark_id,"
            + " promotion_state = EXCLUDED.promotion_state, promotion_notes = EXCLUDED.promotion_notes,"
            + " content_hash = EXCLUDED.content_hash, decided_by = EXCLUDED.decided_by, updated_at = now()";

    static void addUpsertModelVersion(PreparedStatement statement, Registration registration, String hash,
                                              Set<String> baseModels) throws SQLException {
        bindModelVersion(statement, registration, hash, baseModels, WriteDecision.notes(registration), ModelCatalog.PIPELINE);
        statement.addBatch();
    }

    /** Binds {@link #UPSERT_MODEL_VERSION} for a registration: its columns, state, notes and who decided. */
    static void bindModelVersion(PreparedStatement statement, Registration registration, String hash,
                                 Set<String> baseModels, String notes, String decidedBy) throws SQLException {
        ModelVersion v = registration.version();
        int i = 1;
        statement.setString(i++, registration.artifactId());
        statement.setBoolean(i++, v.isExternal());
        statement.setString(i++, v.externalSourceUrl());
        statement.setString(i++, v.externalSourceVersion());
        // a base model that is not registered holds the artifact (A-REF); its row never gets a dangling key
        statement.setString(i++, baseModels.contains(v.baseModelId()) ? v.baseModelId() : null);
        statement.setString(i++, v.codeRepoUrl());
        statement.setString(i++, v.codeCommitSha());
        statement.setString(i++, v.codeEntrypoint());
        setTime(statement, i++, v.trainingStartedAt());
        setTime(statement, i++, v.trainingCompletedAt());
        statement.setString(i++, v.trainedBy());
        statement.setString(i++, v.gpuAllocationId());
        statement.setString(i++, v.trainingParams() == null ? null : Json.write(v.trainingParams()));
        statement.setString(i++, v.evalMetrics() == null ? null : Json.write(v.evalMetrics()));
        statement.setString(i++, v.evalDatasetArtifactId());
        statement.setString(i++, v.benchmarkId());
        statement.setString(i++, registration.state().dbValue());
        statement.setString(i++, notes);
        statement.setString(i++, hash);
        statement.setString(i, decidedBy);
    }

    /** One event of a model version's row, the pipeline's or a reviewer's (a reviewer's carries a note). */
    static final String APPEND_EVENT = "INSERT INTO model_version_events (artifact_id, run_id, event,"
            + " from_state, to_state, actor, reasons, metadata_before, metadata_after, note)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)";

    static void addEvent(PreparedStatement statement, Registration registration, String event,
                                 PromotionState fromState, String before, String after) throws SQLException {
        addEvent(statement, registration.artifactId(), registration.runId(), event, fromState, registration.state(),
                Json.write(registration.reasons()), before, after);
    }

    /** Adds one event of the pipeline's ({@link #APPEND_EVENT}, actor {@link ModelCatalog#ACTOR}) to the statement's batch. */
    static void addEvent(PreparedStatement statement, String artifactId, String runId, String event,
                         PromotionState fromState, PromotionState toState, String reasonsJson, String before,
                         String after) throws SQLException {
        bindEvent(statement, artifactId, runId, event, fromState, toState, ModelCatalog.ACTOR, reasonsJson, before,
                after, null);
        statement.addBatch();
    }

    /** Binds {@link #APPEND_EVENT}: whose row, in which run, what happened, by whom, why, and the note (or null). */
    static void bindEvent(PreparedStatement statement, String artifactId, String runId, String event,
                          PromotionState fromState, PromotionState toState, String actor, String reasonsJson,
                          String before, String after, String note) throws SQLException {
        statement.setString(1, artifactId);
        statement.setString(2, runId);
        statement.setString(3, event);
        statement.setString(4, fromState == null ? null : fromState.dbValue());
        statement.setString(5, toState.dbValue());
        statement.setString(6, actor);
        statement.setString(7, reasonsJson);
        statement.setString(8, before);
        statement.setString(9, after);
        statement.setString(10, note);
    }

    /**
     * Binds the nine lineage columns (version_number ... origin_url) from the document, starting
     * at {@code first}; absent values are NULL so the SQL's COALESCE gives the column default.
     * Returns the next parameter index.
     */
    public static int bindLineage(PreparedStatement statement, int first, JsonNode document) throws SQLException {
        int i = first;
        setInteger(statement, i++, document.get("version_number"));
        setText(statement, i++, document.get("parent_version_id"));
        setText(statement, i++, document.get("version_tag"));
        setText(statement, i++, document.get("changelog"));
        JsonNode isLatest = document.get("is_latest");
        if (isLatest != null && isLatest.isBoolean()) {
            statement.setBoolean(i++, isLatest.asBoolean());
        } else {
            statement.setNull(i++, Types.BOOLEAN);
        }
        setText(statement, i++, document.get("lifecycle_state"));
        setText(statement, i++, document.get("superseded_by"));
        setText(statement, i++, document.get("origin_type"));
        setText(statement, i++, document.get("origin_url"));
        return i;
    }

    public static void setText(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value.asText());
        }
    }

    private static void setInteger(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value != null && value.canConvertToInt()) {
            statement.setInt(index, value.asInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    private static void setTime(PreparedStatement statement, int index, OffsetDateTime time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, time);
        }
    }

    /**
     * One writer per artifact: a transaction's advisory lock on each id, taken in id order so two
     * writers of overlapping batches cannot deadlock.
     */
    static final String LOCK_ARTIFACTS = "SELECT count(pg_advisory_xact_lock(hashtextextended(id, 7)))"
            + " FROM (SELECT DISTINCT unnest(?::text[]) AS id ORDER BY 1) AS ids";

    /** The rows of these ids as the pipeline's writer compares against them ({@link StoredRow}). */
    static final String READ_STORED_ROWS = "SELECT a.id, a.artifact_type, a.metadata::text, mv.promotion_state,"
            + " mv.decided_by, mv.content_hash"
            + " FROM artifacts a LEFT JOIN model_versions mv ON mv.artifact_id = a.id WHERE a.id = ANY(?)";

    /** Which of these ids are registered artifacts. */
    static final String REGISTERED = "SELECT id FROM artifacts WHERE id = ANY(?)";

    /** Whether one id is a registered artifact (a row, or none). */
    static final String IS_REGISTERED = "SELECT id FROM artifacts WHERE id = ?";

    /** The promotion_state of a model's row. */
    static final String CURRENT_STATE = "SELECT promotion_state FROM model_versions WHERE artifact_id = ?";

    /** An artifact as a reviewer's decision reads it: its columns as the scan reads them, its state and decider. */
    static final String READ_FOR_DECISION = "SELECT a.id, a.artifact_type, a.title, a.metadata::text AS metadata,"
            + " a.version_number, a.parent_version_id, a.version_tag, a.changelog, a.is_latest, a.lifecycle_state,"
            + " a.superseded_by, a.origin_type, a.origin_url, mv.promotion_state, mv.decided_by"
            + " FROM artifacts a LEFT JOIN model_versions mv ON mv.artifact_id = a.id WHERE a.id = ?";

    /** The row a decision is applied to, as it stands inside the decision's transaction. */
    static final String ROW_NOW = "SELECT a.metadata::text, mv.promotion_state, a.xmin::text"
            + " FROM artifacts a JOIN model_versions mv ON mv.artifact_id = a.id WHERE a.id = ?";

    /** The artifacts row's version ({@code xmin}) after a write. */
    static final String ROW_VERSION = "SELECT xmin::text FROM artifacts WHERE id = ?";

    /** Whether the artifact's latest event is this very decision and its row still stands as it left it. */
    static final String ALREADY_APPLIED = "SELECT e.event = 'reviewed' AND e.actor = ? AND e.note = ? AND e.to_state = ?"
            + " AND mv.promotion_state = ? AND (?::jsonb IS NULL OR a.metadata = ?::jsonb)"
            + " FROM model_version_events e JOIN artifacts a ON a.id = e.artifact_id"
            + " JOIN model_versions mv ON mv.artifact_id = e.artifact_id"
            + " WHERE e.artifact_id = ? ORDER BY e.id DESC LIMIT 1";

    /** A reviewer's change of an artifact's metadata, unless it is the same already. */
    static final String UPDATE_METADATA = "UPDATE artifacts SET metadata = ?::jsonb, updated_at = now()"
            + " WHERE id = ? AND metadata IS DISTINCT FROM ?::jsonb";

    /** A reviewer's state, notes and name on a model_versions row. */
    static final String SET_STATE = "UPDATE model_versions SET promotion_state = ?, promotion_notes = ?,"
            + " decided_by = ?, updated_at = now() WHERE artifact_id = ?";
}
