package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Everything that happened to an id, for {@code modelgate history}: its model version's row, its
 * title, every event of the row and every hold that wrote no row ({@link HoldLog}), each oldest
 * first. The pipeline's events are stored with the actor {@code modelgate} (V3) while
 * {@code decided_by} names it {@code pipeline}: the history gives it the one name, {@code pipeline}.
 */
public final class ModelHistory {
    private final DataSource dataSource;
    private final HoldLog holdLog;

    public ModelHistory(DataSource dataSource) {
        this.dataSource = dataSource;
        this.holdLog = new HoldLog(dataSource);
    }

    /** One event of the history. */
    public record Event(long id, OffsetDateTime at, String event, String fromState, String toState, String actor,
                        String runId, String reasonsJson, String metadataBefore, String metadataAfter, String note) {
    }

    /** The row's columns by name (null when there is no row), the artifact's title (null when none), the events and the holds. */
    public record History(Map<String, Object> row, String title, List<Event> events, List<HoldLog.Hold> holds) {
        public boolean isEmpty() {
            return row == null && events.isEmpty() && holds.isEmpty();
        }
    }

    public History of(String artifactId) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Object> row = null;
            try (PreparedStatement statement = connection.prepareStatement(StatusStatements.HISTORY_ROW)) {
                statement.setString(1, artifactId);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        row = Rows.current(rs);
                    }
                }
            }
            List<Event> events = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(StatusStatements.HISTORY_EVENTS)) {
                statement.setString(1, artifactId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        events.add(new Event(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                                rs.getString(4), rs.getString(5), actor(rs.getString(6)), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getString(11)));
                    }
                }
            }
            String title = null;
            try (PreparedStatement statement = connection.prepareStatement(StatusStatements.TITLE)) {
                statement.setString(1, artifactId);
                try (ResultSet rs = statement.executeQuery()) {
                    title = rs.next() ? rs.getString(1) : null;
                }
            }
            return new History(row, title, events, holdLog.of(artifactId));
        } catch (SQLException e) {
            throw new CatalogException("reading the history of " + artifactId + " failed: " + e.getMessage(), e);
        }
    }

    /** The one name of each actor: the pipeline's events say {@code modelgate}, its rows {@code pipeline}. */
    static String actor(String stored) {
        return ModelCatalog.ACTOR.equals(stored) ? ModelCatalog.PIPELINE : stored;
    }
}
