package io.modelgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.app.PipelineSettings;
import io.modelgate.config.Settings;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.PromotionState;
import io.modelgate.rules.ArtifactAssessor;
import io.modelgate.rules.ArtifactDirectory;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.scan.ArtifactRows;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The benchmark's yardstick: the backfill's work done in plain Java, without Camel. The same rows
 * are read with one streaming JDBC query, each goes through the same {@link EnvelopeReader} and
 * {@link ArtifactAssessor} (normalization, schema validation, references, gate), and the results
 * are written with batched prepared statements, committed every {@value #BATCH} artifacts:
 * artifacts.metadata, the model_versions row and one model_version_events row, as the catalog
 * writes them for a first pass.
 *
 * <p>What it leaves out, on purpose: the catalog's per-artifact transaction, advisory lock, read
 * of the existing row, content hash and protection rules (so it has no "unchanged" pass: run it
 * twice and it writes everything twice), review tickets, the run report and the etl_runs row.
 */
final class PlainJdbcBaseline {
    static final int BATCH = 500;
    static final int FETCH_SIZE = 500;
    static final String ACTOR = "modelgate";
    static final String HELD_PREFIX = "held for review: ";

    private static final String SELECT = "SELECT id, artifact_type, title, metadata::text AS metadata, version_number,"
            + " parent_version_id, version_tag, changelog, is_latest, lifecycle_state, superseded_by, origin_type, origin_url"
            + " FROM artifacts WHERE artifact_type = 'model' ORDER BY id";
    private static final String UPDATE_ARTIFACT = "UPDATE artifacts SET title = ?, metadata = ?::jsonb, updated_at = now()"
            + " WHERE id = ?";
    private static final String UPSERT_VERSION = "INSERT INTO model_versions (artifact_id, is_external, external_source_url,"
            + " external_source_version, base_model_id, code_repo_url, code_commit_sha, code_entrypoint, training_started_at,"
            + " training_completed_at, trained_by, gpu_allocation_id, training_params_json, eval_metrics_json,"
            + " eval_dataset_artifact_id, benchmark_id, promotion_state, promotion_notes, decided_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, 'pipeline')"
            + " ON CONFLICT (artifact_id) DO UPDATE SET is_external = EXCLUDED.is_external,"
            + " external_source_url = EXCLUDED.external_source_url,"
            + " external_source_version = EXCLUDED.external_source_version, base_model_id = EXCLUDED.base_model_id,"
            + " code_repo_url = EXCLUDED.code_repo_url, code_commit_sha = EXCLUDED.code_commit_sha,"
            + " code_entrypoint = EXCLUDED.code_entrypoint, training_started_at = EXCLUDED.training_started_at,"
            + " training_completed_at = EXCLUDED.training_completed_at, trained_by = EXCLUDED.trained_by,"
            + " gpu_allocation_id = EXCLUDED.gpu_allocation_id, training_params_json = EXCLUDED.training_params_json,"
            + " eval_metrics_json = EXCLUDED.eval_metrics_json,"
            + " eval_dataset_artifact_id = EXCLUDED.eval_dataset_artifact_id, benchmark_id = EXCLUDED.benchmark_id,"
            + " promotion_state = EXCLUDED.promotion_state, promotion_notes = EXCLUDED.promotion_notes,"
            + " decided_by = EXCLUDED.decided_by, updated_at = now()";
    private static final String INSERT_EVENT = "INSERT INTO model_version_events (artifact_id, run_id, event, from_state,"
            + " to_state, actor, reasons, metadata_before, metadata_after)"
            + " VALUES (?, ?, ?, NULL, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)";
    private static final String EXISTS = "SELECT 1 FROM artifacts WHERE id = ?";

    private final DataSource dataSource;
    private final Settings settings;

    PlainJdbcBaseline(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * How one pass went: artifacts per channel, and where the time went. {@code assessNanos} is
     * wall time from the row to the gate, the reference look-ups' round trips to PostgreSQL
     * included; {@code rulesCpuNanos} is the CPU time of the rules alone, envelope to gate, without
     * the look-ups' own CPU time.
     */
    record Result(int artifacts, Map<Channel, Integer> channels, long assessNanos, long writeNanos, long rulesCpuNanos,
                  long lookUps, long lookUpNanos) {
        int count(Channel channel) {
            return channels.getOrDefault(channel, 0);
        }
    }

    /** One pass over every model artifact. */
    Result run(String runId) {
        EnvelopeReader reader = new EnvelopeReader(PipelineSettings.rules(settings).limits());
        Map<Channel, Integer> channels = new EnumMap<>(Channel.class);
        long assessNanos = 0;
        long writeNanos = 0;
        int artifacts = 0;
        long rulesCpuNanos = 0;
        Directory directory = null;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Connection read = dataSource.getConnection(); Connection write = dataSource.getConnection()) {
            read.setAutoCommit(false);
            write.setAutoCommit(false);
            try (PreparedStatement select = read.prepareStatement(SELECT);
                 PreparedStatement exists = write.prepareStatement(EXISTS);
                 PreparedStatement updateArtifact = write.prepareStatement(UPDATE_ARTIFACT);
                 PreparedStatement upsertVersion = write.prepareStatement(UPSERT_VERSION);
                 PreparedStatement insertEvent = write.prepareStatement(INSERT_EVENT)) {
                directory = new Directory(exists, threads);
                ArtifactAssessor assessor = ArtifactAssessor.create(PipelineSettings.rules(settings), directory);
                ArtifactRows rows = new ArtifactRows(reader, BATCH);
                select.setFetchSize(FETCH_SIZE);
                int pending = 0;
                try (ResultSet rs = select.executeQuery()) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        long started = System.nanoTime();
                        Map<String, Object> row = row(rs, columns);
                        long cpuBefore = threads.getCurrentThreadCpuTime();
                        Assessment a = assessor.assess(rows.toAssessment(row));
                        rulesCpuNanos += threads.getCurrentThreadCpuTime() - cpuBefore;
                        a.runId(runId);
                        long assessed = System.nanoTime();
                        assessNanos += assessed - started;
                        artifacts++;
                        channels.merge(a.channel(), 1, Integer::sum);
                        if (a.channel() != Channel.FAILED) {
                            add(a, (String) row.get("metadata"), updateArtifact, upsertVersion, insertEvent);
                            pending++;
                        }
                        if (pending == BATCH) {
                            flush(write, updateArtifact, upsertVersion, insertEvent);
                            pending = 0;
                        }
                        writeNanos += System.nanoTime() - assessed;
                    }
                }
                long flushing = System.nanoTime();
                flush(write, updateArtifact, upsertVersion, insertEvent);
                writeNanos += System.nanoTime() - flushing;
            }
            read.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("the baseline failed: " + e.getMessage(), e);
        }
        return new Result(artifacts, channels, assessNanos, writeNanos, rulesCpuNanos - directory.lookUpCpuNanos,
                directory.lookUps, directory.lookUpNanos);
    }

    /** The row as the column map the scan hands its splitter (ScanQueries.page). */
    private static Map<String, Object> row(ResultSet rs, ResultSetMetaData columns) throws SQLException {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
            row.put(columns.getColumnLabel(c), rs.getObject(c));
        }
        return row;
    }

    /**
     * Queues the writes of one artifact: promote and candidate register it; review records a held
     * candidate. The event's metadata before is the stored text as read, not the parsed document
     * written again: parsing drops what jsonb keeps (2.0 becomes 2, 0.0000010 becomes 1E-6).
     */
    private static void add(Assessment a, String storedMetadata, PreparedStatement updateArtifact,
                            PreparedStatement upsertVersion, PreparedStatement insertEvent) throws SQLException {
        boolean held = a.channel() == Channel.REVIEW;
        PromotionState state = held ? PromotionState.CANDIDATE : a.newState();
        String after = storedMetadata;
        if (!held) {
            after = Json.write(a.metadata());
            updateArtifact.setString(1, a.title());
            updateArtifact.setString(2, after);
            updateArtifact.setString(3, a.id());
            updateArtifact.addBatch();
        }
        ModelVersion v = a.version();
        boolean baseMissing = a.reasons().stream().anyMatch(r -> r.code().equals("A-REF"));
        int i = 1;
        upsertVersion.setString(i++, a.id());
        upsertVersion.setBoolean(i++, v.isExternal());
        upsertVersion.setString(i++, v.externalSourceUrl());
        upsertVersion.setString(i++, v.externalSourceVersion());
        // the reference check looked the base model up already; an unregistered one stays out of the row
        upsertVersion.setString(i++, baseMissing ? null : v.baseModelId());
        upsertVersion.setString(i++, v.codeRepoUrl());
        upsertVersion.setString(i++, v.codeCommitSha());
        upsertVersion.setString(i++, v.codeEntrypoint());
        setTime(upsertVersion, i++, v.trainingStartedAt());
        setTime(upsertVersion, i++, v.trainingCompletedAt());
        upsertVersion.setString(i++, v.trainedBy());
        upsertVersion.setString(i++, v.gpuAllocationId());
        upsertVersion.setString(i++, v.trainingParams() == null ? null : Json.write(v.trainingParams()));
        upsertVersion.setString(i++, v.evalMetrics() == null ? null : Json.write(v.evalMetrics()));
        upsertVersion.setString(i++, v.evalDatasetArtifactId());
        upsertVersion.setString(i++, v.benchmarkId());
        upsertVersion.setString(i++, state.dbValue());
        upsertVersion.setString(i, notes(a, held));
        upsertVersion.addBatch();

        insertEvent.setString(1, a.id());
        insertEvent.setString(2, a.runId());
        insertEvent.setString(3, held ? "held" : "registered");
        insertEvent.setString(4, state.dbValue());
        insertEvent.setString(5, ACTOR);
        insertEvent.setString(6, Json.write(a.reasons()));
        insertEvent.setString(7, storedMetadata);
        insertEvent.setString(8, after);
        insertEvent.addBatch();
    }

    /** promotion_notes as the catalog writes them: the reasons in words, "held for review: " first when held. */
    private static String notes(Assessment a, boolean held) {
        String reasons = a.reasons().stream().map(r -> r.code() + " " + r.message()).collect(Collectors.joining("; "));
        if (held) {
            return HELD_PREFIX + reasons;
        }
        return reasons.isEmpty() ? null : reasons;
    }

    private static void flush(Connection write, PreparedStatement... statements) throws SQLException {
        for (PreparedStatement statement : statements) {
            statement.executeBatch();
        }
        write.commit();
    }

    private static void setTime(PreparedStatement statement, int index, OffsetDateTime time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, time);
        }
    }

    /** Reference look-ups with one prepared statement on the writing connection; counts them and their time. */
    private static final class Directory implements ArtifactDirectory {
        private final PreparedStatement exists;
        private final ThreadMXBean threads;
        private long lookUps;
        private long lookUpNanos;
        private long lookUpCpuNanos;

        Directory(PreparedStatement exists, ThreadMXBean threads) {
            this.exists = exists;
            this.threads = threads;
        }

        @Override
        public boolean exists(String artifactId) {
            long started = System.nanoTime();
            long cpuBefore = threads.getCurrentThreadCpuTime();
            try {
                exists.setString(1, artifactId);
                try (ResultSet rs = exists.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("looking up " + artifactId + " failed: " + e.getMessage(), e);
            } finally {
                lookUps++;
                lookUpCpuNanos += threads.getCurrentThreadCpuTime() - cpuBefore;
                lookUpNanos += System.nanoTime() - started;
            }
        }
    }
}
