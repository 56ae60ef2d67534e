package io.modelgate.run;

import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.inbox.InboxTestFiles;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failing database or a crash leaves behind, and that the next run converges. */
class RecoveryTest extends SharedDatabase {
    @TempDir
    Path root;

    @BeforeEach
    void emptyTables() {
        new io.modelgate.db.Migrations(database.dataSource()).migrate();
        database.execute("DROP TRIGGER IF EXISTS refuse_writes ON model_versions");
        database.execute("DROP FUNCTION IF EXISTS refuse_writes()");
        database.truncateAll();
    }

    @Test
    void aWriteThatKeepsFailingLeavesTheFileInTheInboxUntilTheNextRun() throws Exception {
        PipelineHarness harness = new PipelineHarness(database, root).set("modelgate.db.retries", "2");
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("a.json"), InboxTestFiles.promotable("model-a"));
        Files.writeString(inbox.resolve("a2.json"), InboxTestFiles.promotable("model-a2"));
        Files.writeString(inbox.resolve("a3.json"), InboxTestFiles.promotable("model-a3"));
        // every write of the catalog fails, as with the database away
        refuseWrites();

        RunResult failed = harness.once();

        // the first file waits through the retries; the others, and the scan, are left at once
        assertThat(failed.count("unsettled")).isEqualTo(3);
        assertThat(failed.rowsLeft()).isZero();
        assertThat(inbox.resolve("a.json")).exists();
        assertThat(inbox.resolve("a2.json")).exists();
        assertThat(inbox.resolve("a3.json")).exists();
        assertThat(inbox.resolve(".done/a.json")).doesNotExist();
        assertThat(inbox.resolve(".failed/a.json")).doesNotExist();
        assertThat(Files.readString(failed.report())).contains("## Not settled (left for the next run)")
                .contains("model-a").contains("the scan: not read, the next scan reads its rows");
        assertThat(database.single("SELECT status FROM etl_runs WHERE id = '" + failed.runId() + "'")).isEqualTo("failed");

        allowWrites();
        RunResult recovered = harness.once();

        assertThat(recovered.count("promote")).isEqualTo(3);
        assertThat(recovered.count("unsettled")).isZero();
        assertThat(inbox.resolve(".done/a.json")).exists();
        assertThat(inbox.resolve("a.json")).doesNotExist();
        assertThat(database.count("SELECT count(*) FROM model_version_events WHERE artifact_id = 'model-a'")).isEqualTo(1);
    }

    @Test
    void aCrashBetweenTheWriteAndTheMoveConvergesWithoutADuplicate() throws Exception {
        PipelineHarness harness = new PipelineHarness(database, root);
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("b.json"), InboxTestFiles.promotable("model-b"));
        harness.once();
        // as if the process had died after the transaction but before the file moved
        Files.move(inbox.resolve(".done/b.json"), inbox.resolve("b.json"), StandardCopyOption.REPLACE_EXISTING);

        RunResult rerun = harness.once();

        // the file again, and the row the first run wrote (its scan reads it once): both unchanged
        assertThat(rerun.count("promote")).isPositive().isEqualTo(rerun.count("unchanged"));
        assertThat(inbox.resolve(".done/b.json")).exists();
        assertThat(inbox.resolve("b.json")).doesNotExist();
        assertThat(database.count("SELECT count(*) FROM model_version_events WHERE artifact_id = 'model-b'")).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM model_versions")).isEqualTo(1);
    }

    @Test
    void aFileDroppedAgainUnderTheSameNameReplacesTheOneInDone() throws Exception {
        PipelineHarness harness = new PipelineHarness(database, root);
        Path inbox = Files.createDirectories(harness.inbox());
        Files.writeString(inbox.resolve("c.json"), InboxTestFiles.promotable("model-c"));
        harness.once();
        String corrected = model("model-c", validMetadata(object("auc", 0.85))).toString();
        Files.writeString(inbox.resolve("c.json"), corrected);

        RunResult second = harness.once();

        assertThat(second.count("unchanged")).isZero();
        assertThat(second.count("promote")).isEqualTo(1);
        assertThat(inbox.resolve("c.json")).doesNotExist();
        assertThat(Files.readString(inbox.resolve(".done/c.json"))).isEqualTo(corrected);
        // the earlier file of that name is kept beside it, not overwritten
        try (var done = Files.list(inbox.resolve(".done"))) {
            assertThat(done.map(f -> f.getFileName().toString())).hasSize(2)
                    .anySatisfy(name -> assertThat(name).startsWith("c.json.").isNotEqualTo("c.json"));
        }
        assertThat(database.single("SELECT eval_metrics_json->>'auc' FROM model_versions")).isEqualTo("0.85");
    }

    @Test
    void aScanStopsAtTheFirstBatchTheDatabaseRefusesAndLeavesItForTheNextRun() throws Exception {
        // one batch at a time, so that exactly the first batch is in flight when the database goes
        PipelineHarness harness = new PipelineHarness(database, root).set("modelgate.scan.batch-size", "100")
                .set("modelgate.scan.workers", "1");
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata)"
                + " SELECT 'model-' || n, 'model', 'M' || n, '" + InboxTestFiles.promotableMetadata() + "'"
                + " FROM generate_series(1, 350) AS n");
        refuseWrites();

        RunResult failed = harness.backfill();

        // the batch in flight, and the rows after it that were never read: all left, all counted
        assertThat(failed.count("unsettled")).isEqualTo(350);
        assertThat(failed.rowsLeft()).isEqualTo(350);
        assertThat(Files.readString(failed.report())).contains("the scan: 350 row(s) not settled, read again by the next scan");
        assertThat(failed.succeeded()).isFalse();
        assertThat(database.single("SELECT status FROM etl_runs WHERE id = '" + failed.runId() + "'")).isEqualTo("failed");

        allowWrites();
        RunResult recovered = harness.backfill();
        assertThat(recovered.count("promote")).isEqualTo(350);
        assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(350);
    }

    @Test
    void aFailedInboxFileLeavesTheDatabaseRowOfItsIdToTheScan() throws Exception {
        PipelineHarness harness = new PipelineHarness(database, root);
        database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES ('model-d', 'model',"
                + " 'In the table', '" + InboxTestFiles.promotableMetadata() + "')");
        Path inbox = Files.createDirectories(harness.inbox());
        // the same id, but no title: the file fails and writes nothing
        Files.writeString(inbox.resolve("d.json"), model("model-d", validMetadata(object("auc", 0.8))).without("title")
                .with("name", "Model model-d").toString());

        RunResult run = harness.once();

        assertThat(run.count("failed")).isEqualTo(1);
        assertThat(run.count("promote")).isEqualTo(1);
        assertThat(inbox.resolve(".failed/d.json")).exists();
        assertThat(database.single("SELECT promotion_state FROM model_versions WHERE artifact_id = 'model-d'"))
                .isEqualTo("promoted");
    }

    /**
     * Every write to model_versions fails with an error that is not about the data, as when the
     * database goes away mid-statement; reads still work, so a scan gets as far as its writes.
     */
    private static void refuseWrites() {
        database.execute("CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'model_versions is out of reach'; END $$");
        database.execute("CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE ON model_versions"
                + " FOR EACH STATEMENT EXECUTE FUNCTION refuse_writes()");
    }

    private static void allowWrites() {
        database.execute("DROP TRIGGER refuse_writes ON model_versions");
        database.execute("DROP FUNCTION refuse_writes()");
    }
}
