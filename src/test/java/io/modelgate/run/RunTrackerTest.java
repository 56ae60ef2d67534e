package io.modelgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.catalog.RunLog;
import io.modelgate.db.Migrations;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.FakeClock;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The moment after a database failure in which inputs are left at once, as the daemon meets it. */
class RunTrackerTest {
    /** One server for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    /** How long inputs are left at once after the database failed. */
    private static final Duration AWAY = Duration.ofSeconds(30);
    /** How often the daemon polls the inbox while a file waits there. */
    private static final Duration POLL = Duration.ofSeconds(2);

    /** The time the circuit reads: it moves only when a test moves it. */
    private final FakeClock clock = new FakeClock();

    @TempDir
    Path root;

    @Test
    void inputsLeftAtOnceDoNotPutOffTheNextTryOfTheDatabase() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            new UnsettledInputs(runs).unsettled(null, null, "a.json", "the database is away");
            assertThatThrownBy(new UnsettledInputs(runs)::ensureDatabaseReachable).isInstanceOf(DatabaseAwayException.class);

            // the daemon polls every few seconds while the file waits: each time it is left at once
            for (Duration waited = Duration.ZERO; waited.compareTo(AWAY.multipliedBy(2)) < 0; waited = waited.plus(POLL)) {
                new UnsettledInputs(runs).leftForNextRun(null, null, "a.json", "the database failed after its retries moments ago");
                clock.advance(POLL);
            }

            // the moment counts from the last real failure, so the next poll tries the database again
            assertThatCode(new UnsettledInputs(runs)::ensureDatabaseReachable).doesNotThrowAnyException();
        }
    }

    @Test
    void aScheduledScanThatBrokeOffEndsItsRunFailedWithTheRowsItLeftAndDoesNotMoveTheMark() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            String runId = runs.scanRun();
            database.execute("UPDATE etl_runs SET scanned_through = started_at");
            runs.expect(runId, 10);
            for (String id : List.of("model-a", "model-b", "model-c")) {
                runs.recordUnchanged(runId, id, io.modelgate.model.Channel.PROMOTE, "promoted", "[]", "[]");
            }
            runs.scanBroken(runId, "after model-c: reading the scan's rows after model-c failed after 6 retries");
            // the database answers again by the time the run ends: its end is recorded
            runs.scanDone(runId);

            assertThat(database.single("SELECT status FROM etl_runs WHERE id = '" + runId + "'")).isEqualTo("failed");
            // a failed run's mark is not where the next scan starts
            assertThat(new RunLog(database.dataSource()).lastScannedThrough()).isNull();
            assertThat(Files.readString(root.resolve("report.md")))
                    .contains("7 input(s) could not be settled because the database could not be reached:"
                            + " 7 database row(s) are read again by the next scan")
                    .contains("the scan: 7 row(s) not settled, read again by the next scan: after model-c");
        }
    }

    @Test
    void aReportThatCannotBeWrittenFailsTheRunButNotTheArtifactsItsFilesWrote() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            String runId = runs.beginAmbient("once");
            // text the report's UTF-8 files cannot hold (the envelope refuses it; here it slips by)
            for (int i = 0; i < 300; i++) {
                io.modelgate.model.Assessment a = new io.modelgate.model.Assessment(
                        io.modelgate.model.Assessment.SOURCE_INBOX, "m" + i + ".json");
                a.id("model-" + i);
                a.title(i == 0 ? "a\ud800b" : "Model " + i + " " + "x".repeat(100));
                a.runId(runId);
                a.fail("E-PARSE", null, "bad");
                // each artifact still settles: its file moves, whatever the report's trouble
                assertThatCode(() -> runs.record(a)).doesNotThrowAnyException();
            }

            RunResult result = runs.finishAmbient(true);

            assertThat(result.succeeded()).isFalse();
            assertThat(database.single("SELECT status FROM etl_runs WHERE id = '" + runId + "'")).isEqualTo("failed");
        }
    }

    @Test
    void anInboxPollBeginsNoRunWhileTheDatabaseFailedMomentsAgo() {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            new UnsettledInputs(runs).unsettled(null, null, "a.json", "the database is away");

            assertThatThrownBy(runs::inboxRun).isInstanceOf(DatabaseAwayException.class);
            assertThat(database.count("SELECT count(*) FROM etl_runs")).isZero();
        }
    }

    @Test
    void theReportNamesWhatWasLeftByArtifactFileOrScanNeverByTheStepsBody() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            String runId = runs.beginAmbient("once");
            // a scan whose query failed: the body is the SQL text
            new UnsettledInputs(runs).unsettled(runId, "SELECT id FROM artifacts", null, "the database is away");
            // an inbox file refused before it was read: the body is the file, not yet an artifact
            new UnsettledInputs(runs).leftForNextRun(runId, new Object(), "b.json", "the database failed moments ago");
            // a scan batch whose write failed: its rows
            new UnsettledInputs(runs).unsettled(runId, List.of(Map.of("id", "model-c"), Map.of("id", "model-d")), null, "away");

            RunResult result = runs.finishAmbient(true);

            // the scan as a whole is not an input of its own: it is named, and its rows are read next time
            assertThat(result.count("unsettled")).isEqualTo(3);
            assertThat(result.rowsLeft()).isEqualTo(2);
            assertThat(result.succeeded()).isFalse();
            assertThat(Files.readString(result.report()))
                    .contains("the scan: not read, the next scan reads its rows: the database is away")
                    .contains("file b.json: the database failed moments ago").contains("model-c: away")
                    .contains("model-d: away").doesNotContain("SELECT");
        }
    }

    @Test
    void filesLeftToAnotherInstanceAreInTheirRunsReportAndTheOnesNobodyMayReadMakeItsResultSaySo() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            runs.beginAmbient("once");
            runs.inboxSkips().claimedElsewhere("/srv/inbox/model-a.json", Duration.ofMillis(4200), true, false);
            runs.inboxSkips().claimedElsewhere("/srv/inbox/model-b.json", Duration.ofSeconds(95), false, false);
            runs.decisionSkips().claimedElsewhere("/srv/review-queue/decisions/model-c.json", Duration.ofSeconds(1), true,
                    false);
            runs.inboxSkips().notClaimed("/srv/inbox/model-d.json", "connection refused");

            RunResult result = runs.finishAmbient(true);

            assertThat(result.claimed().count()).isEqualTo(3);
            assertThat(result.claimed().unconfirmed()).isEqualTo(1);
            assertThat(result.count("unsettled")).isEqualTo(1);
            assertThat(Files.readString(result.report())).contains("## Claimed by other instances")
                    .contains("- `model-a.json`: claimed by another instance, left for it (held for 4.2 s)")
                    .contains("- `model-b.json`: claimed by a process that cannot be told alive (held for 95 s)")
                    .contains("- `decisions/model-c.json`: claimed by another instance, left for it")
                    .contains("file model-d.json: its claim could not be made: connection refused");
        }
    }

    @Test
    void aDaemonsPollTellsItsRunOfTheFilesItLeftBeforeItsFirstOwnFileAndNoRunWhenItReadNone() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database);
            // a poll that only met other instances' files: logged, and no run or report of its own
            runs.inboxSkips().claimedElsewhere("/srv/inbox/model-a.json", Duration.ofSeconds(1), true, false);
            runs.inboxPollDone();
            assertThat(database.count("SELECT count(*) FROM etl_runs")).isZero();

            // the next poll meets a file held elsewhere, then one of its own, which begins its run
            runs.inboxSkips().claimedElsewhere("/srv/inbox/model-b.json", Duration.ofSeconds(1), true, false);
            runs.inboxRun();
            runs.inboxPollDone();

            assertThat(Files.readString(root.resolve("report.md")))
                    .contains("1 file(s) were claimed by another process when this run reached them")
                    .contains("`model-b.json`: claimed by another instance").doesNotContain("model-a.json");
        }
    }

    @Test
    void aRejectedRowWhoseInputIsUnchangedIsDecidedUnlessATicketOfItsIdIsOpen() throws Exception {
        try (TestDatabase database = SERVER.freshDatabase()) {
            RunTracker runs = tracker(database, "model-waiting"::equals);
            String runId = runs.beginAmbient("once");
            runs.recordUnchanged(runId, "model-done", io.modelgate.model.Channel.REVIEW, "rejected", "[]", "[]");
            runs.recordUnchanged(runId, "model-waiting", io.modelgate.model.Channel.REVIEW, "rejected", "[]", "[]");
            runs.recordUnchanged(runId, "model-held", io.modelgate.model.Channel.REVIEW, "candidate", "[]", "[]");

            RunResult result = runs.finishAmbient(true);

            assertThat(result.countsLine()).isEqualTo("promote 0, candidate 0, review 2, failed 0 (unchanged 2)");
            assertThat(result.counts().decidedByStateText()).isEqualTo("rejected 1");
            assertThat(database.single("SELECT count_review || ' ' || count_unchanged FROM etl_runs")).isEqualTo("2 2");
            assertThat(Files.readString(result.report())).contains("None held anew; 2 held earlier and unchanged since")
                    .contains("The 1 decided (rejected 1) needed none either");
        }
    }

    private RunTracker tracker(TestDatabase database) {
        return tracker(database, id -> false);
    }

    private RunTracker tracker(TestDatabase database, java.util.function.Predicate<String> ticketOpen) {
        new Migrations(database.dataSource()).migrate();
        return new RunTracker(new RunLog(database.dataSource()), root.resolve("report.md").toString(), null,
                new DatabaseCircuit(clock, AWAY), new DatabaseProbe(database.dataSource()), ticketOpen);
    }
}
