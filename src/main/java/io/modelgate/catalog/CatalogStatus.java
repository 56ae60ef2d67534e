package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Read-only views of the catalog for {@code modelgate status}. */
public final class CatalogStatus {
    private final DataSource dataSource;

    public CatalogStatus(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Number of model_versions rows per promotion_state, every state listed (zero included). */
    public Map<String, Integer> countsByState() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String state : List.of("promoted", "candidate", "rejected", "superseded")) {
            counts.put(state, 0);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(StatusStatements.COUNTS_BY_STATE);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new CatalogException("reading promotion counts failed: " + e.getMessage(), e);
        }
        return counts;
    }

    /** The time of a run as people read it: to the second, in UTC. */
    private static final java.time.format.DateTimeFormatter RUN_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    /**
     * The latest runs, newest first: each a line with its id, mode, status and start, then its
     * counts and its report indented below, so no line is wider than a terminal's 100 columns.
     */
    public List<String> lastRuns(int limit) {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(RunStatements.LAST_RUNS)) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    java.time.OffsetDateTime started = rs.getObject(4, java.time.OffsetDateTime.class);
                    lines.add(String.format("%s  %-8s %-9s %s", rs.getString(1), rs.getString(2), rs.getString(3),
                            started == null ? "" : RUN_TIME.format(started.withOffsetSameInstant(java.time.ZoneOffset.UTC))));
                    lines.add(String.format("    promote %d, candidate %d, review %d, failed %d, unchanged %d",
                            rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10)));
                    if (rs.getString(11) != null) {
                        lines.add("    report " + rs.getString(11));
                    }
                }
            }
        } catch (SQLException e) {
            throw new CatalogException("reading runs failed: " + e.getMessage(), e);
        }
        return lines;
    }

    /**
     * A candidate the pipeline registered that waits for a person: the evaluation gate held it back
     * (G-EVAL-PENDING) or it has no metrics (G-NO-METRICS). It has no ticket; a reviewer promotes
     * it, or its input changes.
     */
    public record Waiting(String id, String title, String family, java.time.Instant since, List<String> reasonCodes) {
    }

    private static final java.util.regex.Pattern GATE_CODE = java.util.regex.Pattern.compile("G-[A-Z-]+");

    /** The candidates waiting for a person, oldest first. */
    public List<Waiting> waitingForAPerson() {
        List<Waiting> waiting = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(StatusStatements.WAITING_FOR_A_PERSON);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                List<String> codes = new ArrayList<>();
                java.util.regex.Matcher code = GATE_CODE.matcher(rs.getString(5));
                while (code.find()) {
                    codes.add(code.group());
                }
                waiting.add(new Waiting(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), codes));
            }
        } catch (SQLException e) {
            throw new CatalogException("reading the candidates waiting for a person failed: " + e.getMessage(), e);
        }
        return waiting;
    }
}
