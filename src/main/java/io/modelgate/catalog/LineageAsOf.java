package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Which version of a lineage was promoted at a given moment, and where each of its versions stood
 * then, read from the events: each version's state at a moment is the state its last event up to
 * that moment left it in. The lineage is the one the versions belong to now ({@code lineage_id}).
 */
public final class LineageAsOf {

    private final DataSource dataSource;

    public LineageAsOf(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A version's state at the moment asked about, since when, and who set it. */
    public record Version(String id, String state, OffsetDateTime since, String actor) {
    }

    /**
     * The answer: the lineage's key, and its versions that had a row at that moment, in the order
     * they were first written.
     */
    public record Answer(String lineage, OffsetDateTime at, List<Version> versions) {
        /** The version promoted at that moment, or null when none was. */
        public Version promoted() {
            return versions.stream().filter(v -> "promoted".equals(v.state())).findFirst().orElse(null);
        }
    }

    /**
     * The lineage of the version {@code id} (or the lineage whose oldest version is {@code id}) at
     * {@code at}; null when no registered version belongs to such a lineage.
     */
    public Answer at(String id, OffsetDateTime at) {
        try (Connection connection = dataSource.getConnection()) {
            String lineage;
            try (PreparedStatement statement = connection.prepareStatement(LineageStatements.LINEAGE_OF)) {
                statement.setString(1, id);
                statement.setString(2, id);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    lineage = rs.getString(1);
                }
            }
            if (lineage == null) {
                return null;
            }
            Map<String, Version> versions = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(LineageStatements.EVENTS_UP_TO)) {
                statement.setString(1, lineage);
                statement.setObject(2, at);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String version = rs.getString(1);
                        String state = rs.getString(2);
                        Version before = versions.get(version);
                        // an event that left the state as it was (a hold, an update) does not restart "since"
                        if (before == null || !Objects.equals(before.state(), state)) {
                            versions.put(version, new Version(version, state,
                                    rs.getObject(4, OffsetDateTime.class), ModelHistory.actor(rs.getString(3))));
                        }
                    }
                }
            }
            return new Answer(lineage, at, new ArrayList<>(versions.values()));
        } catch (SQLException e) {
            throw new CatalogException("reading the lineage of " + id + " failed: " + e.getMessage(), e);
        }
    }
}
