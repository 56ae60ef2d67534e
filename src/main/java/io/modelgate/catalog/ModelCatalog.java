package io.modelgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.db.DatabaseErrors;
import io.modelgate.model.Change;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.rules.ArtifactDirectory;
import io.modelgate.rules.MetadataValidator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The only code that writes {@code artifacts}, {@code model_versions} and
 * {@code model_version_events}. Each registration (or batch of them) is one transaction: the
 * artifact's metadata, its model_versions row and exactly one event, or nothing.
 *
 * <p>Rules kept here because they guard the data whoever calls: the same content twice writes
 * nothing; the pipeline never writes rejected or superseded, never changes a row a reviewer
 * decided or one that is rejected or superseded, and never demotes a promoted row.
 */
public final class ModelCatalog implements ArtifactDirectory {
    public static final String PIPELINE = "pipeline";
    public static final String ACTOR = "modelgate";
    public static final String HELD_PREFIX = "held for review: ";

    private final DataSource dataSource;
    private final MetadataValidator validator;

    public ModelCatalog(DataSource dataSource, MetadataValidator validator) {
        this.dataSource = dataSource;
        this.validator = validator;
    }

    /** Schema errors of the metadata (JSON pointer and one sentence each); empty when valid. */
    public List<FieldError> validateMetadata(JsonNode metadata) {
        return validator.validate(metadata);
    }

    /**
     * Validates, then writes the artifact, its model_versions row and one event in one transaction.
     * A held registration skips validation: its metadata is not written, only the candidate row;
     * so does one whose metadata the pipeline's schema check has just passed.
     *
     * @throws InvalidMetadataException when the metadata of a registration that is not held is invalid
     */
    public WriteResult registerModel(Registration registration) {
        return registerBatch(List.of(registration)).get(0);
    }

    /**
     * Registers several models in one transaction, all or nothing, with each statement sent as
     * one JDBC batch; every registration gets the same treatment as {@link #registerModel}.
     * An id that comes twice starts a new transaction, so each artifact is decided on what the
     * one before it wrote.
     *
     * @return one result per registration, in order
     * @throws DataRefusedException when PostgreSQL refuses the data of one of them; nothing is written
     */
    public List<WriteResult> registerBatch(List<Registration> registrations) {
        for (Registration registration : registrations) {
            if (registration.state() != PromotionState.PROMOTED && registration.state() != PromotionState.CANDIDATE) {
                throw new IllegalArgumentException("the pipeline only writes promoted or candidate, not " + registration.state());
            }
            if (!registration.held() && !registration.schemaChecked()) {
                List<FieldError> errors = validateMetadata(registration.metadata());
                if (!errors.isEmpty()) {
                    throw new InvalidMetadataException(registration.artifactId(), errors);
                }
            }
        }
        List<WriteResult> results = new ArrayList<>(registrations.size());
        Set<String> ids = new HashSet<>();
        int from = 0;
        for (int i = 0; i < registrations.size(); i++) {
            if (!ids.add(registrations.get(i).artifactId())) {
                results.addAll(inTransaction(registrations.subList(from, i)));
                ids.clear();
                ids.add(registrations.get(i).artifactId());
                from = i;
            }
        }
        if (from < registrations.size()) {
            results.addAll(inTransaction(registrations.subList(from, registrations.size())));
        }
        return results;
    }

    private List<WriteResult> inTransaction(List<Registration> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<WriteResult> results = write(connection, batch);
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    // a connection that died fails its rollback too; the first error says why
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        } catch (SQLException e) {
            String refusal = DatabaseErrors.refusedData(e);
            if (refusal != null) {
                throw new DataRefusedException("PostgreSQL cannot store this artifact: " + refusal, e);
            }
            String what = batch.size() == 1 ? "model " + batch.get(0).artifactId()
                    : batch.size() + " models (" + batch.get(0).artifactId() + " ...)";
            throw new CatalogException("writing " + what + " failed: " + e.getMessage(), e);
        }
    }

    private List<WriteResult> write(Connection connection, List<Registration> batch) throws SQLException {
        List<String> ids = batch.stream().map(Registration::artifactId).toList();
        lock(connection, ids);
        Map<String, Existing> existing = readExisting(connection, ids);
        Set<String> baseModels = registered(connection, batch.stream().map(r -> r.version().baseModelId())
                .filter(Objects::nonNull).distinct().toList());
        try (PreparedStatement insertArtifacts = connection.prepareStatement(INSERT_ARTIFACT);
             PreparedStatement upsertVersions = connection.prepareStatement(UPSERT_MODEL_VERSION);
             PreparedStatement appendEvents = connection.prepareStatement(APPEND_EVENT)) {
            ArtifactUpdates updates = new ArtifactUpdates();
            List<WriteResult> results = new ArrayList<>(batch.size());
            for (Registration registration : batch) {
                Existing before = existing.getOrDefault(registration.artifactId(), Existing.NONE);
                results.add(decide(registration, before, baseModels, insertArtifacts, updates, upsertVersions,
                        appendEvents));
            }
            // artifacts first: model_versions and events refer to them; each statement goes as
            // one batch, which the driver sends as multi-row inserts (reWriteBatchedInserts).
            // Only an inbox file inserts an artifact, and only a scanned row needs its version.
            insertArtifacts.executeBatch();
            Map<String, String> versions = updates.execute(connection);
            upsertVersions.executeBatch();
            appendEvents.executeBatch();
            return withRowVersions(versions, batch, results);
        }
    }

    /**
     * The artifacts rows the batch updates, written by one statement that returns each updated
     * row's new version ({@code xmin}), read inside the transaction (the rows stay locked until it
     * commits): the next scan finds the row as written and knows it is settled. A row whose title
     * and metadata are equal as values is left as it is, and keeps its version.
     */
    private static final class ArtifactUpdates {
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

    private static List<WriteResult> withRowVersions(Map<String, String> versions, List<Registration> batch,
                                                     List<WriteResult> results) {
        if (versions.isEmpty()) {
            return results;
        }
        List<WriteResult> versioned = new ArrayList<>(results.size());
        for (int i = 0; i < batch.size(); i++) {
            String version = versions.get(batch.get(i).artifactId());
            versioned.add(version == null ? results.get(i) : results.get(i).withRowVersion(version));
        }
        return versioned;
    }

    /** The decision for one artifact; what is to be written is added to the statements' batches. */
    private static WriteResult decide(Registration registration, Existing existing, Set<String> baseModels,
                                      PreparedStatement insertArtifacts, ArtifactUpdates updateArtifacts,
                                      PreparedStatement upsertVersions, PreparedStatement appendEvents)
            throws SQLException {
        String id = registration.artifactId();
        PromotionState newState = registration.state();
        if (existing.artifactType != null && !"model".equals(existing.artifactType)) {
            return new WriteResult(Change.NONE, null, null, new Reason("A-CONFLICT", "the id " + id
                    + " already belongs to a " + existing.artifactType + " artifact, not a model; choose another id"));
        }
        String hash = contentHash(registration);
        if (hash.equals(existing.contentHash)) {
            return new WriteResult(Change.UNCHANGED, existing.state, existing.state, null);
        }
        Reason refusal = protection(existing, newState);
        if (refusal != null) {
            return new WriteResult(Change.NONE, existing.state, existing.state, refusal);
        }
        String metadataAfter = existing.metadata;
        if (!registration.held()) {
            metadataAfter = Json.write(registration.metadata());
            if (existing.artifactType == null) {
                addInsertArtifact(insertArtifacts, registration.document(), registration.title(), metadataAfter);
            } else {
                updateArtifacts.add(id, registration.title(), metadataAfter);
            }
        } else if (existing.artifactType == null) {
            throw new IllegalArgumentException("a held model can only be recorded for an artifact already in the database: " + id);
        }
        addUpsertModelVersion(upsertVersions, registration, hash, baseModels);
        String event = registration.held() ? "held" : existing.state == null ? "registered" : "updated";
        addEvent(appendEvents, registration, event, existing.state, existing.metadata, metadataAfter);
        return new WriteResult(existing.state == null ? Change.INSERTED : Change.UPDATED, existing.state, newState, null);
    }

    /** Why the pipeline leaves a row a person decided as it is. */
    public static Reason reviewersDecision(PromotionState state, String decidedBy) {
        return new Reason("R-PROTECTED", "the row is " + state.dbValue() + " by the decision of "
                + decidedBy + "; the pipeline never overwrites a reviewer's decision");
    }

    /** Why the row must stay as it is, or null when the pipeline may write it. */
    private static Reason protection(Existing existing, PromotionState newState) {
        if (existing.state == null) {
            return null;
        }
        if (!PIPELINE.equals(existing.decidedBy)) {
            return reviewersDecision(existing.state, existing.decidedBy);
        }
        if (existing.state == PromotionState.REJECTED || existing.state == PromotionState.SUPERSEDED) {
            return new Reason("R-PROTECTED", "the row is " + existing.state.dbValue() + "; the pipeline never changes a "
                    + existing.state.dbValue() + " model");
        }
        if (existing.state == PromotionState.PROMOTED && newState != PromotionState.PROMOTED) {
            return new Reason("R-PROTECTED", "the row is promoted and the new input would make it "
                    + newState.dbValue() + "; the pipeline never demotes a promoted model");
        }
        return null;
    }

    /**
     * One writer per artifact at a time, across every instance sharing this database. The locks
     * are taken in id order, so two instances writing overlapping batches cannot deadlock.
     */
    static void lock(Connection connection, List<String> ids) throws SQLException {
        String sql = "SELECT count(pg_advisory_xact_lock(hashtextextended(id, 7)))"
                + " FROM (SELECT DISTINCT unnest(?::text[]) AS id ORDER BY 1) AS ids";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            statement.execute();
        }
    }

    private static Map<String, Existing> readExisting(Connection connection, List<String> ids) throws SQLException {
        String sql = "SELECT a.id, a.artifact_type, a.metadata::text, mv.promotion_state, mv.decided_by, mv.content_hash"
                + " FROM artifacts a LEFT JOIN model_versions mv ON mv.artifact_id = a.id WHERE a.id = ANY(?)";
        Map<String, Existing> existing = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), new Existing(rs.getString(2), rs.getString(3),
                            PromotionState.fromDb(rs.getString(4)), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return existing;
    }

    /** Which of these ids are registered artifacts. */
    static Set<String> registered(Connection connection, List<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM artifacts WHERE id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private static final String INSERT_ARTIFACT = "INSERT INTO artifacts (id, artifact_type, title, metadata,"
            + " version_number, parent_version_id, version_tag, changelog, is_latest, lifecycle_state, superseded_by,"
            + " origin_type, origin_url)"
            + " VALUES (?, 'model', ?, ?::jsonb, COALESCE(?, 1), ?, ?, ?, COALESCE(?, true), COALESCE(?, 'active'), ?,"
            + " COALESCE(?, 'internal'), ?)";

    private static void addInsertArtifact(PreparedStatement statement, ObjectNode document, String title,
                                          String metadataJson) throws SQLException {
        statement.setString(1, document.path("id").asText());
        statement.setString(2, title);
        statement.setString(3, metadataJson);
        bindLineage(statement, 4, document);
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

    private static void addUpsertModelVersion(PreparedStatement statement, Registration registration, String hash,
                                              Set<String> baseModels) throws SQLException {
        bindModelVersion(statement, registration, hash, baseModels, notes(registration), PIPELINE);
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

    private static final String APPEND_EVENT = "INSERT INTO model_version_events (artifact_id, run_id, event,"
            + " from_state, to_state, actor, reasons, metadata_before, metadata_after)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)";

    private static void addEvent(PreparedStatement statement, Registration registration, String event,
                                 PromotionState fromState, String before, String after) throws SQLException {
        statement.setString(1, registration.artifactId());
        statement.setString(2, registration.runId());
        statement.setString(3, event);
        statement.setString(4, fromState == null ? null : fromState.dbValue());
        statement.setString(5, registration.state().dbValue());
        statement.setString(6, ACTOR);
        statement.setString(7, Json.write(registration.reasons()));
        statement.setString(8, before);
        statement.setString(9, after);
        statement.addBatch();
    }

    /** promotion_notes: the reasons in words; a held row's notes start with "held for review:". */
    static String notes(Registration registration) {
        String reasons = registration.reasons().stream().map(r -> r.code() + " " + r.message())
                .collect(Collectors.joining("; "));
        if (registration.held()) {
            return HELD_PREFIX + reasons;
        }
        return reasons.isEmpty() ? null : reasons;
    }

    /** Hash of everything this registration would write, so the same input twice writes nothing. */
    public static String contentHash(Registration registration) {
        ObjectNode content = Json.object();
        content.put("title", registration.title());
        content.set("metadata", registration.held() ? null : registration.metadata());
        content.set("version", Json.MAPPER.valueToTree(versionText(registration.version())));
        content.put("state", registration.state().dbValue());
        content.put("notes", notes(registration));
        return Json.sha256(Json.canonical(content));
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

    /** Adds one artifact as it stands (the demo's legacy fixtures); an id already present is left alone. */
    public boolean importArtifact(ObjectNode document) {
        String sql = "INSERT INTO artifacts (id, artifact_type, title, metadata, version_number, parent_version_id,"
                + " version_tag, changelog, is_latest, lifecycle_state, superseded_by, origin_type, origin_url,"
                + " created_at, updated_at)"
                + " VALUES (?, ?, ?, ?::jsonb, COALESCE(?, 1), ?, ?, ?, COALESCE(?, true), COALESCE(?, 'active'), ?,"
                + " COALESCE(?, 'internal'), ?, COALESCE(?::timestamptz, now()), COALESCE(?::timestamptz, now()))"
                + " ON CONFLICT (id) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, document.path("id").asText());
            statement.setString(2, document.path("artifact_type").asText());
            statement.setString(3, document.path("title").asText());
            statement.setString(4, Json.write(document.path("metadata")));
            int next = bindLineage(statement, 5, document);
            setText(statement, next, document.get("created_at"));
            setText(statement, next + 1, document.get("updated_at"));
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new CatalogException("importing artifact " + document.path("id").asText() + " failed: " + e.getMessage(), e);
        }
    }

    /** The promotion_state of a model's row now, or null when it has none. */
    public PromotionState currentState(String artifactId) {
        String sql = "SELECT promotion_state FROM model_versions WHERE artifact_id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, artifactId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? PromotionState.fromDb(rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new CatalogException("reading the state of " + artifactId + " failed: " + e.getMessage(), e);
        }
    }

    /** Which of these ids are registered artifacts, in one query. */
    public Set<String> existing(Collection<String> artifactIds) {
        try (Connection connection = dataSource.getConnection()) {
            return registered(connection, List.copyOf(artifactIds));
        } catch (SQLException e) {
            throw new CatalogException("looking up " + artifactIds.size() + " artifacts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String artifactId) {
        try (Connection connection = dataSource.getConnection()) {
            return registered(connection, List.of(artifactId)).contains(artifactId);
        } catch (SQLException e) {
            throw new CatalogException("looking up artifact " + artifactId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Binds the nine lineage columns (version_number ... origin_url) from the document, starting
     * at {@code first}; absent values are NULL so the SQL's COALESCE gives the column default.
     * Returns the next parameter index.
     */
    private static int bindLineage(PreparedStatement statement, int first, JsonNode document) throws SQLException {
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

    private static void setText(PreparedStatement statement, int index, JsonNode value) throws SQLException {
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

    /** The row as stored; its metadata stays JSON text, only ever copied into an event. */
    private record Existing(String artifactType, String metadata, PromotionState state, String decidedBy,
                            String contentHash) {
        static final Existing NONE = new Existing(null, null, null, null, null);
    }
}
