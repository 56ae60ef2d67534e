package io.modelgate.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where versions stand in their lineages, read inside the writer's transaction: the older
 * versions of each (the chain of {@code parent_version_id} and {@code superseded_by} that V12's
 * {@code model_lineage_ancestors} walks), the lineage's key, and the version promoted in it now.
 * PostgreSQL keeps one promoted version per lineage (a unique index); this is what lets the
 * writers decide before they run into it.
 */
final class Lineages {

    /** The unique index V12 keeps one promoted version per lineage with. */
    private static final String ONE_PROMOTED = "model_versions_one_promoted_per_lineage";

    private Lineages() {
    }

    /** Whether PostgreSQL refused a write because it would make a second version of a lineage promoted. */
    static boolean secondPromoted(SQLException exception) {
        for (SQLException e = exception; e != null; e = e.getNextException()) {
            if ("23505".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains(ONE_PROMOTED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A version's place: its older versions, nearest first, and its lineage's key (the oldest
     * version named, which need not be registered; the version itself when it has no older one).
     */
    record Place(String id, List<String> older) {
        String lineage() {
            return older.isEmpty() ? id : older.get(older.size() - 1);
        }

        boolean isOlder(String otherId) {
            return older.contains(otherId);
        }
    }

    /** The version promoted in a lineage now, who promoted it, and its metadata (for its event). */
    record Promoted(String id, String decidedBy, String metadata) {
        boolean byPipeline() {
            return ModelCatalog.PIPELINE.equals(decidedBy);
        }
    }

    /**
     * The places of these versions. {@code parents} gives each id's parent_version_id as its input
     * names it, used for an id not yet in artifacts (a registered one's row says). Versions written
     * together may name each other: a chain through ids not yet registered is followed through
     * their parents given here.
     */
    static Map<String, Place> places(Connection connection, Map<String, String> parents) throws SQLException {
        Map<String, List<String>> walked = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LineageStatements.ANCESTORS)) {
            List<String> ids = new ArrayList<>(parents.keySet());
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            statement.setArray(2, connection.createArrayOf("text", ids.stream().map(parents::get).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Array older = rs.getArray(2);
                    walked.put(rs.getString(1), older == null ? List.of() : Arrays.asList((String[]) older.getArray()));
                }
            }
        }
        Map<String, Place> places = new HashMap<>();
        walked.forEach((id, older) -> {
            Set<String> chain = new LinkedHashSet<>(older);
            String top = older.isEmpty() ? null : older.get(older.size() - 1);
            // the walk stops at a version that is not registered: one written with it goes on
            while (top != null && !top.equals(id) && walked.containsKey(top) && chain.addAll(walked.get(top))) {
                List<String> further = walked.get(top);
                top = further.get(further.size() - 1);
            }
            chain.remove(id);
            places.put(id, new Place(id, List.copyOf(chain)));
        });
        return places;
    }

    /** One writer per lineage at a time; taken after the artifacts' own locks, in key order. */
    static void lock(Connection connection, Collection<String> lineages) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LineageStatements.LOCK)) {
            statement.setArray(1, connection.createArrayOf("text", new TreeSet<>(lineages).toArray()));
            statement.execute();
        }
    }

    /** The version promoted now in each of these lineages (PostgreSQL allows one), by lineage key. */
    static Map<String, Promoted> promoted(Connection connection, Collection<String> lineages) throws SQLException {
        Map<String, Promoted> promoted = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LineageStatements.PROMOTED_IN)) {
            statement.setArray(1, connection.createArrayOf("text", lineages.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    promoted.put(rs.getString(1), new Promoted(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return promoted;
    }

    /** Makes a promoted version superseded, its decider and notes as given; its event is the caller's. */
    static void supersede(Connection connection, String id, String notes, String decidedBy) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LineageStatements.SUPERSEDE)) {
            statement.setString(1, notes);
            statement.setString(2, decidedBy);
            statement.setString(3, id);
            statement.executeUpdate();
        }
    }
}
