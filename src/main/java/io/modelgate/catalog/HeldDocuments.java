package io.modelgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The documents of inbox files held for review (table {@code held_inbox_documents}, V11). A held
 * inbox file registers nothing, so without its document here a reviewer could not decide it. The
 * latest hold of an id replaces its document, and each hold is logged in {@link HoldLog} in the
 * same transaction, so that history keeps the earlier ones; the pipeline registering the id from
 * a later file, or a reviewer's decision registering it, forgets the document in the same
 * transaction as that write.
 */
public final class HeldDocuments {
    /**
     * One held inbox document: its id, the document as read, its file, the run that held it and
     * why, and its metadata as normalized (what the hold log keeps, to show what a resubmission changed).
     */
    public record Held(String artifactId, ObjectNode document, String file, String runId, List<Reason> reasons,
                       ObjectNode normalizedMetadata) {
        HoldLog.Hold logged() {
            return new HoldLog.Hold(artifactId, null, runId, "inbox", file, reasons, document.path("title").asText(null),
                    HoldLog.metadata(normalizedMetadata));
        }
    }

    private final DataSource dataSource;

    public HeldDocuments(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Keeps the documents of these held files, replacing an earlier hold of the same id, and logs
     * each hold, in one transaction.
     */
    public void keep(List<Held> held) {
        if (held.isEmpty()) {
            return;
        }
        try {
            Transactions.inTransaction(dataSource, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(HoldStatements.KEEP_DOCUMENT)) {
                    for (Held h : held) {
                        statement.setString(1, h.artifactId());
                        statement.setString(2, Json.write(h.document()));
                        statement.setString(3, h.file());
                        statement.setString(4, h.runId());
                        statement.setString(5, Json.write(h.reasons()));
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                HoldLog.append(connection, held.stream().map(Held::logged).toList());
                return null;
            });
        } catch (SQLException e) {
            String refusal = io.modelgate.db.DatabaseErrors.refusedData(e);
            if (refusal != null) {
                throw new DataRefusedException("PostgreSQL cannot store this artifact: " + refusal, e);
            }
            throw new CatalogException("keeping " + held.size() + " held document(s) failed: " + e.getMessage(), e);
        }
    }

    /** The held document of this id, or null when none is held. */
    public ObjectNode read(String artifactId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HoldStatements.READ_DOCUMENT)) {
            statement.setString(1, artifactId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                JsonNode document = Json.parse(rs.getString(1));
                return document.isObject() ? (ObjectNode) document : null;
            }
        } catch (SQLException e) {
            throw new CatalogException("reading the held document of " + artifactId + " failed: " + e.getMessage(), e);
        }
    }

    /** The latest hold of an inbox file: its file, its run, when, and the reason codes. */
    public record Hold(String file, String runId, java.time.OffsetDateTime heldAt, List<String> reasonCodes) {
    }

    /** The hold of this id's inbox file that waits for a reviewer, or null when none does. */
    public Hold hold(String artifactId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HoldStatements.LATEST_HOLD)) {
            statement.setString(1, artifactId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<String> codes = new java.util.ArrayList<>();
                Json.parse(rs.getString(4)).forEach(reason -> codes.add(reason.path("code").asText()));
                return new Hold(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.OffsetDateTime.class), codes);
            }
        } catch (SQLException e) {
            throw new CatalogException("reading the hold of " + artifactId + " failed: " + e.getMessage(), e);
        }
    }

    /** Forgets the held documents of these ids, inside the caller's transaction: they are registered now. */
    static void forget(Connection connection, List<String> artifactIds) throws SQLException {
        if (artifactIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(HoldStatements.FORGET_DOCUMENTS)) {
            statement.setArray(1, connection.createArrayOf("text", artifactIds.toArray()));
            statement.executeUpdate();
        }
    }
}
