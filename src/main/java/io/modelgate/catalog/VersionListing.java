package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The model versions, each its model_versions row joined to its artifact, for
 * {@code modelgate versions}: filtered by promotion state, family and lineage, sorted by family,
 * then oldest first.
 *
 * <p>A lineage is every artifact connected to a given one through {@code parent_version_id} or
 * {@code superseded_by}, in either direction (its parents, its children, what it superseded and
 * what superseded it, and theirs in turn).
 */
public final class VersionListing {
    /** One version as the listing shows it; {@code version} is its tag, else its number, else null. */
    public record Listed(String id, String state, String family, String version, String decidedBy, Instant updated,
                         String title) {
    }

    /** What to list: each filter null for all. */
    public record Filter(String state, String family, String lineageOf) {
    }

    private final DataSource dataSource;

    public VersionListing(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Listed> versions(Filter filter) {
        List<Listed> versions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LineageStatements.VERSIONS)) {
            int i = 1;
            for (String value : new String[] {filter.lineageOf(), filter.lineageOf(), filter.state(), filter.state(),
                    filter.family(), filter.family(), filter.lineageOf()}) {
                statement.setString(i++, value);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    versions.add(new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("listing the model versions failed: " + e.getMessage(), e);
        }
        return versions;
    }
}
