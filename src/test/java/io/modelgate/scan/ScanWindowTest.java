package io.modelgate.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.catalog.RunLog;
import io.modelgate.scan.ScanQueries;
import io.modelgate.db.Migrations;
import io.modelgate.support.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which rows a scan reads. Times are fixed in the rows themselves (a run's start, a row's
 * updated_at), so nothing depends on the clock while the test runs.
 */
class ScanWindowTest {
    private static final Duration OVERLAP = Duration.ofSeconds(300);
    private static final OffsetDateTime LAST_MARK = OffsetDateTime.parse("2026-01-01T12:00:00Z");
    private static final OffsetDateTime THIS_RUN = OffsetDateTime.parse("2026-01-01T13:00:00Z");
    private static final OffsetDateTime BEGINNING = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    private static TestDatabase database;
    private static RunLog log;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        new Migrations(database.dataSource()).migrate();
        log = new RunLog(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.truncateAll();
    }

    private static ScanWindow window(Duration overlap) {
        // the run tracker is only told how many rows to expect, which these tests do not ask
        return new ScanWindow(log, database.dataSource(), null, overlap);
    }

    private static void run(String id, String status, OffsetDateTime startedAt, boolean scanned) {
        database.execute("INSERT INTO etl_runs (id, mode, status, started_at, scanned_through) VALUES ('" + id
                + "', 'scan', '" + status + "', '" + startedAt + "', " + (scanned ? "'" + startedAt + "'" : "NULL") + ")");
    }

    private static void artifact(String id, String type, OffsetDateTime updatedAt) {
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, updated_at) VALUES ('" + id
                + "', '" + type + "', 'T', '{}', '" + updatedAt + "')");
    }

    /** The ids the scan reads in (since, until], in the order it reads them. */
    private static List<String> read(OffsetDateTime since, OffsetDateTime until) throws SQLException {
        List<Map<String, Object>> rows = ScanQueries.page(database.dataSource(), "rules-1", since, until, "", 100);
        assertThat(ScanQueries.count(database.dataSource(), since, until)).isEqualTo(rows.size());
        return rows.stream().map(row -> (String) row.get("id")).toList();
    }

    @Test
    void theFirstIncrementalScanReadsFromTheBeginning() {
        run("run-0", "failed", LAST_MARK, true);

        assertThat(window(OVERLAP).since(false)).isAtSameInstantAs(BEGINNING);
        assertThat(window(OVERLAP).since(null)).isAtSameInstantAs(BEGINNING);
    }

    @Test
    void anIncrementalScanStartsTheOverlapBeforeTheLastSuccessfulScansMark() {
        run("run-1", "succeeded", LAST_MARK.minusHours(1), true);
        run("run-2", "succeeded", LAST_MARK, true);
        // neither a failed scan nor one still running moves the mark
        run("run-3", "failed", LAST_MARK.plusMinutes(20), true);
        run("run-4", "running", LAST_MARK.plusMinutes(40), true);

        assertThat(window(OVERLAP).since(false)).isAtSameInstantAs(LAST_MARK.minusMinutes(5));
        assertThat(window(Duration.ZERO).since(false)).isAtSameInstantAs(LAST_MARK);
    }

    @Test
    void aBackfillReadsEverythingWhateverTheLastMark() {
        run("run-1", "succeeded", LAST_MARK, true);

        assertThat(window(OVERLAP).since(true)).isAtSameInstantAs(BEGINNING);
        assertThat(window(OVERLAP).until(true, THIS_RUN)).isAtSameInstantAs(OffsetDateTime.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void theMarkIsWhenTheRunBeganAndBoundsTheIncrementalScan() {
        run("run-5", "running", THIS_RUN, false);

        OffsetDateTime mark = window(OVERLAP).mark("run-5");

        assertThat(mark).isAtSameInstantAs(THIS_RUN);
        assertThat(database.single("SELECT scanned_through = started_at FROM etl_runs WHERE id = 'run-5'")).isEqualTo("t");
        assertThat(window(OVERLAP).until(false, mark)).isAtSameInstantAs(THIS_RUN);
    }

    @Test
    void aRowCommittedLateWithATimeJustBeforeTheLastMarkIsReadThanksToTheOverlap() throws SQLException {
        run("run-1", "succeeded", LAST_MARK, true);
        run("run-2", "running", THIS_RUN, false);
        artifact("a-old", "model", LAST_MARK.minusMinutes(10));
        artifact("b-late", "model", LAST_MARK.minusMinutes(3));
        artifact("c-changed", "model", LAST_MARK.plusMinutes(30));
        artifact("d-at-mark", "model", THIS_RUN);
        artifact("e-this-run", "model", THIS_RUN.plusSeconds(1));
        artifact("f-dataset", "dataset", LAST_MARK.plusMinutes(30));

        ScanWindow window = window(OVERLAP);
        OffsetDateTime until = window.until(false, window.mark("run-2"));

        assertThat(read(window.since(false), until)).containsExactly("b-late", "c-changed", "d-at-mark");
        // without the overlap the late row would never be read
        assertThat(read(window(Duration.ZERO).since(false), until)).containsExactly("c-changed", "d-at-mark");
    }

    @Test
    void aBackfillReadsEveryModelRowWrittenBeforeOrAfterTheMark() throws SQLException {
        run("run-1", "succeeded", LAST_MARK, true);
        artifact("a-old", "model", LAST_MARK.minusDays(30));
        artifact("b-new", "model", THIS_RUN.plusHours(1));
        artifact("c-dataset", "dataset", LAST_MARK);

        ScanWindow window = window(OVERLAP);

        assertThat(read(window.since(true), window.until(true, THIS_RUN))).containsExactly("a-old", "b-new");
    }
}
