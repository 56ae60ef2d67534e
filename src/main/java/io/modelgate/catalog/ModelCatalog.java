package io.modelgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.db.DatabaseErrors;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import io.modelgate.rules.ArtifactDirectory;
import io.modelgate.rules.DocumentContent;
import io.modelgate.rules.MetadataValidator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The pipeline's writes of {@code artifacts}, {@code model_versions} and
 * {@code model_version_events}; a reviewer's decisions are written by {@link DecisionRecords},
 * under the same per-artifact locks ({@link #lock}). Each registration (or batch of them) is one
 * transaction: the artifact's metadata, its model_versions row and exactly one event, or nothing.
 *
 * <p>Rules kept here because they guard the data whoever calls: the same content twice writes
 * nothing; the pipeline never writes rejected, never changes a row a reviewer decided or one
 * that is rejected or superseded, and never demotes a promoted row. A promotion supersedes the
 * older version of its lineage the pipeline promoted, in the same transaction, or is held
 * ({@code R-LINEAGE}) where it may not ({@link LineageRule}).
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
        try {
            return Transactions.inTransaction(dataSource, connection -> write(connection, batch));
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
        LineageView lineages = LineageView.of(connection, batch);
        Map<String, StoredRow> stored = readExisting(connection, ids);
        Set<String> baseModels = registered(connection, batch.stream().map(r -> r.version().baseModelId())
                .filter(Objects::nonNull).distinct().toList());
        try (PendingWrites pending = new PendingWrites(connection)) {
            List<WriteResult> results = new ArrayList<>(batch.size());
            for (Registration registration : batch) {
                StoredRow before = stored.getOrDefault(registration.artifactId(), StoredRow.NONE);
                WriteDecision decision = WriteDecision.of(registration, before);
                Reason lineageHold = decision.writes() && registration.state() == PromotionState.PROMOTED
                        ? lineages.promote(registration.artifactId(), Json.write(registration.metadata()),
                                registration.runId(), pending)
                        : null;
                if (lineageHold == null) {
                    addWrites(pending, registration, before, decision, baseModels);
                    results.add(decision.result());
                    continue;
                }
                // held for its lineage: a candidate row held for review, or, for an artifact not
                // registered yet, nothing (a held inbox file registers nothing)
                Registration held = heldForLineage(registration, lineageHold);
                WriteDecision hold = before.artifactType() == null ? null : WriteDecision.of(held, before);
                if (hold != null) {
                    addWrites(pending, held, before, hold, baseModels);
                }
                results.add(WriteResult.heldForLineage(hold == null ? null : hold.result(), before.state(), lineageHold));
            }
            pending.flush();
            // a version registered promoted and superseded by a newer one of the batch is reported as it ends
            for (int i = 0; i < results.size(); i++) {
                if (lineages.superseded().contains(ids.get(i)) && results.get(i).newState() == PromotionState.PROMOTED) {
                    results.set(i, results.get(i).superseded());
                }
            }
            return withRowVersions(pending.versions, batch, results);
        }
    }

    /** Adds what a decision writes (the artifact's metadata, its row, one event) to the pending statements. */
    private static void addWrites(PendingWrites pending, Registration registration, StoredRow before,
                                  WriteDecision decision, Set<String> baseModels) throws SQLException {
        if (!decision.writes()) {
            return;
        }
        String metadataAfter = before.metadata();
        if (decision.writesMetadata()) {
            metadataAfter = Json.write(registration.metadata());
            if (before.artifactType() == null) {
                pending.insertArtifact(registration, metadataAfter);
                // a fine-tune later in the batch may name it as its base model
                baseModels.add(registration.artifactId());
            } else {
                pending.updates.add(registration.artifactId(), registration.title(), metadataAfter);
            }
        }
        CatalogStatements.addUpsertModelVersion(pending.upsertVersions, registration, decision.contentHash(), baseModels);
        CatalogStatements.addEvent(pending.appendEvents, registration, decision.event(), before.state(),
                withoutCredentials(before.metadata()), metadataAfter);
    }

    /** The registration as a hold: a candidate row "held for review:" with the lineage's reason. */
    private static Registration heldForLineage(Registration registration, Reason reason) {
        List<Reason> reasons = new ArrayList<>(registration.reasons());
        reasons.add(reason);
        return new Registration(registration.artifactId(), registration.title(), registration.document(),
                registration.metadata(), registration.version(), PromotionState.CANDIDATE, reasons, true,
                registration.runId(), registration.schemaChecked());
    }

    /**
     * The batch's statements, each gathered as one JDBC batch and sent by {@link #flush}: the
     * artifacts first (model_versions and events refer to them), then the rows and their events.
     * A supersession sends what is gathered before it, so the row it supersedes is written, and
     * is no longer promoted before the newer version's row is.
     */
    private static final class PendingWrites implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insertArtifacts;
        final PreparedStatement upsertVersions;
        final PreparedStatement appendEvents;
        CatalogStatements.ArtifactUpdates updates = new CatalogStatements.ArtifactUpdates();
        private final List<String> inserted = new ArrayList<>();
        final Map<String, String> versions = new HashMap<>();

        PendingWrites(Connection connection) throws SQLException {
            this.connection = connection;
            this.insertArtifacts = connection.prepareStatement(CatalogStatements.INSERT_ARTIFACT);
            this.upsertVersions = connection.prepareStatement(CatalogStatements.UPSERT_MODEL_VERSION);
            this.appendEvents = connection.prepareStatement(CatalogStatements.APPEND_EVENT);
        }

        void insertArtifact(Registration registration, String metadataJson) throws SQLException {
            CatalogStatements.addInsertArtifact(insertArtifacts, registration.document(), registration.title(),
                    registration.metadata(), metadataJson);
            inserted.add(registration.artifactId());
        }

        /**
         * Sends what is gathered. Each statement goes as one batch, which the driver sends as
         * multi-row inserts (reWriteBatchedInserts). Only an inbox file inserts an artifact, and
         * only a scanned row needs its version.
         */
        void flush() throws SQLException {
            insertArtifacts.executeBatch();
            // an id held from an earlier file is registered now: its held document is done with
            HeldDocuments.forget(connection, inserted);
            inserted.clear();
            versions.putAll(updates.execute(connection));
            updates = new CatalogStatements.ArtifactUpdates();
            upsertVersions.executeBatch();
            appendEvents.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            try (insertArtifacts; upsertVersions; appendEvents) {
                // closed in turn, each even when one before it fails
            }
        }
    }

    /**
     * The lineages of a batch's promotions, read and locked in its transaction: each promotion
     * either stands alone in its lineage, supersedes the older version the pipeline promoted, or
     * is held ({@code R-LINEAGE}) because a reviewer promoted the older one or the promoted one
     * is not older.
     */
    private static final class LineageView {
        private final Connection connection;
        private final Map<String, Lineages.Place> places;
        private final Map<String, Lineages.Promoted> promoted;
        private final Set<String> superseded = new HashSet<>();

        private LineageView(Connection connection, Map<String, Lineages.Place> places,
                            Map<String, Lineages.Promoted> promoted) {
            this.connection = connection;
            this.places = places;
            this.promoted = promoted;
        }

        static LineageView of(Connection connection, List<Registration> batch) throws SQLException {
            if (batch.stream().noneMatch(r -> r.state() == PromotionState.PROMOTED)) {
                return new LineageView(connection, Map.of(), Map.of());
            }
            Map<String, String> parents = new HashMap<>();
            batch.forEach(r -> parents.put(r.artifactId(),
                    r.document() == null ? null : textOrNull(r.document().get("parent_version_id"))));
            Map<String, Lineages.Place> places = Lineages.places(connection, parents);
            Set<String> lineages = new HashSet<>();
            places.values().forEach(place -> lineages.add(place.lineage()));
            Lineages.lock(connection, lineages);
            return new LineageView(connection, places, new HashMap<>(Lineages.promoted(connection, lineages)));
        }

        /**
         * Makes this version the lineage's promoted one, superseding the older one the pipeline
         * promoted (its row and its event, sent at once); or, where it may not, the reason it is held.
         */
        Reason promote(String id, String metadata, String runId, PendingWrites pending) throws SQLException {
            Lineages.Place place = places.get(id);
            Lineages.Promoted current = promoted.get(place.lineage());
            switch (LineageRule.forPipeline(place, current)) {
                case CONFLICTS:
                    return LineageRule.held(place, current);
                case SUPERSEDES:
                    superseded.add(current.id());
                    pending.flush();
                    Lineages.supersede(connection, current.id(), LineageRule.supersededNotes(id), PIPELINE);
                    CatalogStatements.addEvent(pending.appendEvents, current.id(), runId, "superseded",
                            PromotionState.PROMOTED, PromotionState.SUPERSEDED, "[]",
                            withoutCredentials(current.metadata()), withoutCredentials(current.metadata()));
                    break;
                default:
                    break;
            }
            promoted.put(place.lineage(), new Lineages.Promoted(id, PIPELINE, metadata));
            return null;
        }

        /** The versions this batch superseded. */
        Set<String> superseded() {
            return superseded;
        }

        private static String textOrNull(JsonNode value) {
            return value == null || value.isNull() ? null : value.asText();
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

    /**
     * One writer per artifact at a time, across every instance sharing this database. The locks
     * are taken in id order, so two instances writing overlapping batches cannot deadlock.
     */
    static void lock(Connection connection, List<String> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.LOCK_ARTIFACTS)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            statement.execute();
        }
    }

    private static Map<String, StoredRow> readExisting(Connection connection, List<String> ids) throws SQLException {
        Map<String, StoredRow> existing = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.READ_STORED_ROWS)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), new StoredRow(rs.getString(2), rs.getString(3),
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
        try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.REGISTERED)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    /** The promotion_state of a model's row now, or null when it has none. */
    public PromotionState currentState(String artifactId) {
        return PromotionState.fromDb(Rows.single(dataSource, "reading the state of " + artifactId, String.class,
                CatalogStatements.CURRENT_STATE, artifactId));
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


    /** The stored metadata as the history keeps it: a platform row may hold credentials in its URLs, the history never. */
    private static String withoutCredentials(String metadata) {
        if (metadata == null) {
            return null;
        }
        String clean = DocumentContent.withoutCredentials(metadata);
        return clean == null ? metadata : clean;
    }
}
