package io.modelgate.catalog;

import io.modelgate.model.RunCounts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** The etl_runs table: one row per run, and the high-water mark incremental scans start from. */
public final class RunLog {
    private final DataSource dataSource;

    public RunLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the start of a run and returns the database's clock at that moment. */
    public OffsetDateTime started(String runId, String mode, String host) {
        String sql = "INSERT INTO etl_runs (id, mode, host) VALUES (?, ?, ?) RETURNING started_at";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            statement.setString(2, mode);
            statement.setString(3, host);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        } catch (SQLException e) {
            throw new CatalogException("recording the start of run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    /** Marks the point a scan of this run reads through: the database clock when the run began. */
    public OffsetDateTime scanStarted(String runId) {
        String sql = "UPDATE etl_runs SET scanned_through = started_at WHERE id = ? RETURNING scanned_through";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        } catch (SQLException e) {
            throw new CatalogException("recording the scan of run " + runId + " failed: " + e.getMessage(), e);
        }
    }

    /** Where the next incremental scan starts: the mark of the last successful scan, or null before the first. */
    public OffsetDateTime lastScannedThrough() {
        String sql = "SELECT max(scanned_through) FROM etl_runs WHERE status = 'succeeded'";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        } catch (SQLException e) {
            throw new CatalogException("reading the last scan failed: " + e.getMessage(), e);
        }
    }

    /** How many model artifacts changed in (since, until]: what a scan is about to read. */
    public long countChanged(OffsetDateTime since, OffsetDateTime until) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ScanQueries.COUNT)) {
            statement.setObject(1, since);
            statement.setObject(2, until);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new CatalogException("counting the artifacts to scan failed: " + e.getMessage(), e);
        }
    }

    /** Records how a run ended, with its counts and where its report is. */
    public OffsetDateTime finished(String runId, RunCounts counts, Path report, boolean succeeded) {
        String sql = "UPDATE etl_runs SET status = ?, finished_at = now(), count_promote = ?, count_candidate = ?,"
                + " count_review = ?, count_failed = ?, count_unchanged = ?, report_path = ? WHERE id = ?"
                + " RETURNING finished_at";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, succeeded ? "succeeded" : "failed");
            statement.setInt(2, counts.promote());
            statement.setInt(3, counts.candidate());
            statement.setInt(4, counts.review());
            statement.setInt(5, counts.failed());
            statement.setInt(6, counts.unchanged());
            statement.setString(7, report.toString());
            statement.setString(8, runId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        } catch (SQLException e) {
            throw new CatalogException("recording the end of run " + runId + " failed: " + e.getMessage(), e);
        }
    }
}
