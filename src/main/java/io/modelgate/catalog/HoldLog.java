package io.modelgate.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The append-only log of holds that register nothing (table {@code review_holds}, V13): every
 * inbox file held for review, a resubmission of the same id included, and every artifact whose
 * row the pipeline would not change (R-PROTECTED). A hold that writes the row "held for review"
 * is an event of its own ({@code held}) and is not logged here again. With the events, it tells
 * {@code history} everything that happened to an id.
 */
public final class HoldLog {
    /**
     * One hold: which id, where it came from ({@code db} or {@code inbox}) and which file, in
     * which run, why, and the title and normalized metadata it was held with.
     */
    public record Hold(String artifactId, OffsetDateTime heldAt, String runId, String source, String file,
                       List<Reason> reasons, String title, String metadata) {
        public List<String> reasonCodes() {
            return reasons.stream().map(Reason::code).toList();
        }
    }

    private final DataSource dataSource;

    public HoldLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Logs these holds inside the caller's transaction, beside the hold's other writes (see
     * {@link HoldStatements#APPEND_HOLD_IF_NEW}).
     */
    static void append(Connection connection, List<Hold> holds) throws SQLException {
        if (holds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(HoldStatements.APPEND_HOLD_IF_NEW)) {
            for (Hold hold : holds) {
                bind(statement, hold);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Logs a hold that wrote nothing else (a row the pipeline left as it was), unless it says
     * nothing new (see {@link HoldStatements#APPEND_HOLD_IF_NEW}): an inbox hold already logged
     * with its held document, or the same hold again.
     */
    public void append(Hold hold) {
        try (Connection connection = dataSource.getConnection()) {
            append(connection, List.of(hold));
        } catch (SQLException e) {
            throw new CatalogException("logging the hold of " + hold.artifactId() + " failed: " + e.getMessage(), e);
        }
    }

    /** Every hold of this id, oldest first. */
    public List<Hold> of(String artifactId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HoldStatements.HOLDS_OF)) {
            statement.setString(1, artifactId);
            List<Hold> holds = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Reason> reasons = new ArrayList<>();
                    Json.parse(rs.getString(5)).forEach(r -> reasons.add(new Reason(r.path("code").asText(),
                            r.path("message").asText())));
                    holds.add(new Hold(artifactId, rs.getObject(1, OffsetDateTime.class), rs.getString(2),
                            rs.getString(3), rs.getString(4), reasons, rs.getString(6), rs.getString(7)));
                }
            }
            return holds;
        } catch (SQLException e) {
            throw new CatalogException("reading the holds of " + artifactId + " failed: " + e.getMessage(), e);
        }
    }

    /** The hold's metadata as the log keeps it: JSON text, or null. */
    public static String metadata(ObjectNode metadata) {
        return metadata == null ? null : Json.write(metadata);
    }

    private static void bind(PreparedStatement statement, Hold hold) throws SQLException {
        String reasons = Json.write(hold.reasons());
        statement.setString(1, hold.artifactId());
        statement.setString(2, hold.runId());
        statement.setString(3, hold.source());
        statement.setString(4, hold.file());
        statement.setString(5, reasons);
        statement.setString(6, hold.title());
        statement.setString(7, hold.metadata());
        statement.setString(8, hold.artifactId());
        statement.setString(9, hold.source());
        statement.setString(10, reasons);
        statement.setString(11, hold.title());
        statement.setString(12, hold.metadata());
        statement.setString(13, hold.artifactId());
    }
}
