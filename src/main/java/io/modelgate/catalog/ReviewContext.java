package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What a reviewer compares a held document with: the artifact's stored row, the version of its
 * lineage that is promoted now, and the state of its base model. A lineage is every artifact
 * connected to the id through {@code artifacts.parent_version_id} or {@code superseded_by}, in
 * either direction.
 */
public final class ReviewContext {
    /** The lineage, walked from the id and the versions its held document names (it may not be registered yet). */

    /** A stored version: its id, title, metadata (JSON text) and promotion_state (null without a row). */
    public record Version(String id, String title, String metadata, String state) {
    }

    /**
     * @param stored     the artifact's own row, or null when it is not registered
     * @param promoted   the promoted version of its lineage other than itself, or null when there is none
     * @param baseModel  the state of its base model: its promotion_state, "registered" for an
     *                   artifact without a model_versions row, null when it is not registered or named
     */
    public record Context(Version stored, Version promoted, String baseModelState) {
    }

    private final DataSource dataSource;

    public ReviewContext(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param linkedIds   the versions the held document names (parent_version_id, superseded_by), may be empty
     * @param baseModelId the base model it names, or null
     */
    public Context of(String id, List<String> linkedIds, String baseModelId) {
        try (Connection connection = dataSource.getConnection()) {
            Version stored = null;
            try (PreparedStatement statement = connection.prepareStatement(LineageStatements.STORED_FOR_REVIEW)) {
                statement.setString(1, id);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        stored = new Version(id, rs.getString(1), rs.getString(2), rs.getString(3));
                    }
                }
            }
            List<String> seeds = new ArrayList<>(linkedIds);
            seeds.add(0, id);
            Version promoted = null;
            try (PreparedStatement statement = connection.prepareStatement(LineageStatements.PROMOTED_IN_LINEAGE)) {
                statement.setArray(1, connection.createArrayOf("text", seeds.toArray()));
                statement.setString(2, id);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        promoted = new Version(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    }
                }
            }
            return new Context(stored, promoted, baseModelId == null ? null : state(connection, baseModelId));
        } catch (SQLException e) {
            throw new CatalogException("reading what " + id + " is compared with failed: " + e.getMessage(), e);
        }
    }

    private static String state(Connection connection, String artifactId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LineageStatements.STATE_OF)) {
            statement.setString(1, artifactId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String state = rs.getString(1);
                return state == null ? "registered" : state;
            }
        }
    }
}
