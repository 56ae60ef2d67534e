package io.modelgate.catalog;

import io.modelgate.db.DatabaseErrors;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The catalog's writes for a reviewer's decision: the model_versions row with the reviewer in
 * {@code decided_by}, exactly one {@code reviewed} event with the note, and, when a newer
 * version is promoted, the older promoted version of its lineage made {@code superseded} first,
 * with an event of its own, all in one transaction. A promotion that would leave two promoted
 * versions of the lineage (the promoted one is not older) is refused, nothing written. The same
 * decision applied twice (a rerun after a crash, two instances reading one file) writes nothing
 * the second time.
 */
public final class DecisionRecords {
    private final DataSource dataSource;

    public DecisionRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An artifact as stored, with its model_versions state; the columns as the scan reads them, so
     * that the decision can assess it again as the input it is. Not a {@link StoredRow}, which
     * holds only what the pipeline's writer compares, for a whole batch at a time.
     */
    public record Stored(Map<String, Object> columns, PromotionState state, String decidedBy) {
        public String artifactType() {
            return (String) columns.get("artifact_type");
        }

        public String metadata() {
            return (String) columns.get("metadata");
        }
    }

    /**
     * What a decision writes.
     *
     * @param metadataRead  {@code artifacts.metadata} as read when the decision was assessed
     * @param metadataAfter the metadata to store, or null to leave it as it is
     * @param registration  the row's columns as assessed, or null to change only its state, notes and decider
     * @param contentHash   the content hash the pipeline gives the input as it stands afterwards
     *                      (so the pipeline finds it unchanged), or null to keep the row's
     * @param registersHeld the artifact is a held inbox document, not yet registered: the decision
     *                      registers it (its artifacts row from {@code registration}'s document)
     */
    public record DecisionWrite(String artifactId, PromotionState state, String actor, String note, String runId,
                                String metadataRead, String metadataAfter, Registration registration,
                                String contentHash, List<Reason> reasons, boolean registersHeld) {
    }

    /** What a decision did: nothing when it had been applied before. */
    public record Applied(boolean alreadyApplied, PromotionState fromState, PromotionState toState,
                          List<String> superseded, String rowVersion) {
    }

    /** The artifact of this id as stored, or null when there is none. */
    public Stored read(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(CatalogStatements.READ_FOR_DECISION)) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> columns = Rows.current(rs);
                PromotionState state = PromotionState.fromDb((String) columns.remove("promotion_state"));
                return new Stored(columns, state, (String) columns.remove("decided_by"));
            }
        } catch (SQLException e) {
            throw new CatalogException("reading " + id + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Applies a decision in one transaction, under the same per-artifact locks the pipeline takes.
     *
     * @throws ChangedMeanwhileException when the artifact's metadata is no longer what was assessed
     */
    public Applied apply(DecisionWrite write) {
        try {
            return Transactions.inTransaction(dataSource, connection -> apply(connection, write));
        } catch (SQLException e) {
            String refusal = DatabaseErrors.refusedData(e);
            if (refusal != null) {
                throw new DataRefusedException("PostgreSQL cannot store this decision: " + refusal, e);
            }
            if (Lineages.secondPromoted(e)) {
                // another writer promoted a version of the lineage between the check and the write
                throw new LineageConflictException("another version of the lineage of " + write.artifactId()
                        + " was promoted while the decision was written; nothing was written, decide again");
            }
            throw new CatalogException("writing the decision on " + write.artifactId() + " failed: " + e.getMessage(), e);
        }
    }

    private Applied apply(Connection connection, DecisionWrite write) throws SQLException {
        String id = write.artifactId();
        if (write.registersHeld()) {
            ModelCatalog.lock(connection, List.of(id));
            registerHeld(connection, write);
        }
        Lineages.Place place = Lineages.places(connection, Collections.singletonMap(id, null)).get(id);
        Set<String> locked = new TreeSet<>(place.older());
        locked.add(id);
        ModelCatalog.lock(connection, new ArrayList<>(locked));
        Lineages.lock(connection, List.of(place.lineage()));

        PromotionState from = null;
        if (!write.registersHeld()) {
            Map<String, Object> now = row(connection, CatalogStatements.ROW_NOW, id);
            if (now == null) {
                throw new ChangedMeanwhileException(id + " has no model_versions row any more");
            }
            if (!Objects.equals(now.get("metadata"), write.metadataRead())) {
                throw new ChangedMeanwhileException("the metadata of " + id + " changed while the decision was checked");
            }
            from = PromotionState.fromDb((String) now.get("promotion_state"));
            if (alreadyApplied(connection, write)) {
                return new Applied(true, from, from, List.of(), (String) now.get("xmin"));
            }
            if (write.metadataAfter() != null) {
                try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.UPDATE_METADATA)) {
                    statement.setString(1, write.metadataAfter());
                    statement.setString(2, id);
                    statement.setString(3, write.metadataAfter());
                    statement.executeUpdate();
                }
            }
        }
        // the older promoted version first: PostgreSQL allows one promoted version per lineage
        List<String> superseded = new ArrayList<>();
        if (write.state() == PromotionState.PROMOTED) {
            Lineages.Promoted current = Lineages.promoted(connection, List.of(place.lineage())).get(place.lineage());
            switch (LineageRule.forReviewer(place, current)) {
                case CONFLICTS:
                    throw new LineageConflictException(LineageRule.refusal(place, current));
                case SUPERSEDES:
                    String note = "superseded by " + id + ": " + write.note();
                    Lineages.supersede(connection, current.id(), write.actor() + ": " + note, write.actor());
                    event(connection, write, current.id(), "superseded", PromotionState.PROMOTED,
                            PromotionState.SUPERSEDED, "[]", current.metadata(), current.metadata(), note);
                    superseded.add(current.id());
                    break;
                default:
                    break;
            }
        }
        String notes = write.actor() + ": " + write.note();
        if (write.registration() != null) {
            Set<String> baseModels = ModelCatalog.registered(connection, write.registration().version().baseModelId() == null
                    ? List.of() : List.of(write.registration().version().baseModelId()));
            try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.UPSERT_MODEL_VERSION)) {
                CatalogStatements.bindModelVersion(statement, write.registration(), write.contentHash(), baseModels, notes,
                        write.actor());
                statement.executeUpdate();
            }
        } else {
            setState(connection, id, write.state(), notes, write.actor());
        }
        String metadataAfter = write.metadataAfter() != null ? write.metadataAfter() : write.metadataRead();
        event(connection, write, id, "reviewed", from, write.state(), Json.write(write.reasons()), write.metadataRead(),
                metadataAfter, write.note());

        Map<String, Object> after = row(connection, CatalogStatements.ROW_VERSION, id);
        return new Applied(false, from, write.state(), superseded, (String) after.get("xmin"));
    }

    /**
     * Registers a held inbox document: its artifacts row, as the pipeline would insert it, and its
     * held document forgotten. The pipeline registering the id meanwhile (a later file) makes the
     * decision be checked again against the row it wrote.
     */
    private static void registerHeld(Connection connection, DecisionWrite write) throws SQLException {
        String id = write.artifactId();
        if (row(connection, CatalogStatements.IS_REGISTERED, id) != null) {
            throw new ChangedMeanwhileException(id + " was registered while the decision was checked");
        }
        Registration registration = write.registration();
        try (PreparedStatement insert = connection.prepareStatement(CatalogStatements.INSERT_ARTIFACT)) {
            CatalogStatements.addInsertArtifact(insert, registration.document(), registration.title(),
                    registration.metadata(), write.metadataAfter());
            insert.executeBatch();
        }
        HeldDocuments.forget(connection, List.of(id));
    }

    /** Whether the artifact's latest event is this very decision and the row still stands as it left it. */
    private static boolean alreadyApplied(Connection connection, DecisionWrite write) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.ALREADY_APPLIED)) {
            statement.setString(1, write.actor());
            statement.setString(2, write.note());
            statement.setString(3, write.state().dbValue());
            statement.setString(4, write.state().dbValue());
            statement.setString(5, write.metadataAfter());
            statement.setString(6, write.metadataAfter());
            statement.setString(7, write.artifactId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void setState(Connection connection, String id, PromotionState state, String notes, String actor)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.SET_STATE)) {
            statement.setString(1, state.dbValue());
            statement.setString(2, notes);
            statement.setString(3, actor);
            statement.setString(4, id);
            statement.executeUpdate();
        }
    }

    private static void event(Connection connection, DecisionWrite write, String id, String event, PromotionState from,
                              PromotionState to, String reasonsJson, String before, String after, String note)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CatalogStatements.APPEND_EVENT)) {
            CatalogStatements.bindEvent(statement, id, write.runId(), event, from, to, write.actor(), reasonsJson, before,
                    after, note);
            statement.executeUpdate();
        }
    }

    /** One row of a query with one parameter, by column label; null when there is none. */
    private static Map<String, Object> row(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Rows.current(rs) : null;
            }
        }
    }
}
