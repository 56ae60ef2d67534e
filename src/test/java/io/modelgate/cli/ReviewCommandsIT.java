package io.modelgate.cli;

import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reviewer's commands of the packaged jar: list, show, decide, history. */
class ReviewCommandsIT {
    private static final TestJson UNPINNED = object("model_family", "transformer", "framework", "pytorch",
            "parameter_count", 7000, "training_data", "web", "evaluation_dataset", "mmlu",
            "evaluation_metrics", object("acc", 0.6), "is_external", true,
            "external_source_url", "https://huggingface.co/org/m", "external_source_version", "main");
    private static final TestJson ODE = object("model_family", "ODE solver", "framework", "julia", "parameter_count", 12,
            "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("rmse", 0.2));

    @TempDir
    Path workDir;

    @Test
    void aReviewerListsReadsAndDecidesATicketAndReadsTheHistory() throws Exception {
        try (TestDatabase server = TestDatabase.start()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            assertThat(JarRunner.run(workDir, with(db, "migrate")).exitCode()).isZero();
            server.execute("INSERT INTO artifacts (id, artifact_type, title, metadata, origin_type) VALUES"
                    + " ('model-ext', 'model', 'External LM', '" + UNPINNED + "', 'external'),"
                    + " ('model-ode', 'model', 'Kinetics ODE', '" + ODE + "', 'internal')");
            Result backfill = JarRunner.run(workDir, with(db, "backfill"));
            assertThat(backfill.exitCode()).as(backfill.all()).isZero();

            // one queue: the ticket, and the candidate the evaluation gate holds back for a person
            Result list = JarRunner.run(workDir, with(db, "review", "list"));
            assertThat(list.exitCode()).as(list.all()).isZero();
            assertThat(list.stdout()).contains("1 open review ticket(s) in review-queue, oldest first")
                    .containsPattern("\\d{4}-\\d\\d-\\d\\d +\\d+[mhd] +held +as-is +model-ext +A-UNPINNED +db +External LM")
                    .contains("1 candidate(s) waiting for a person")
                    .containsPattern("model-ode +G-EVAL-PENDING +db +Kinetics ODE");
            assertThat(list.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            assertThat(JarRunner.run(workDir, with(db, "review", "list", "--reason", "G-EVAL-PENDING")).stdout())
                    .contains("no open review tickets in review-queue with G-EVAL-PENDING").contains("model-ode");
            assertThat(JarRunner.run(workDir, with(db, "review", "list", "--only", "tickets")).stdout())
                    .contains("model-ext").doesNotContain("model-ode");
            assertThat(JarRunner.run(workDir, with(db, "review", "list", "--family", "ode")).stdout())
                    .contains("model-ode").contains("no open review tickets in review-queue in family \"ode\"");

            Result show = JarRunner.run(workDir, with(db, "review", "show", "model-ext"));
            assertThat(show.exitCode()).as(show.all()).isZero();
            assertThat(show.stdout()).startsWith("model-ext: External LM\n").contains("A-UNPINNED");

            Result badName = JarRunner.run(workDir, with(db, "review", "decide", "model-ext", "--promote",
                    "--reviewer", "alice smith", "--note", "ok"));
            assertThat(badName.exitCode()).isEqualTo(2);
            assertThat(badName.stderr()).contains("/reviewer: must name the reviewer").doesNotContain("\tat ");
            Result noRow = JarRunner.run(workDir, with(db, "review", "decide", "model-none", "--reject",
                    "--reviewer", "alice", "--note", "gone"));
            assertThat(noRow.exitCode()).isEqualTo(1);
            assertThat(noRow.stderr()).contains("/id: no artifact and no held inbox file has the id model-none");

            Result decide = JarRunner.run(workDir, with(db, "review", "decide", "model-ext", "--promote",
                    "--reviewer", "alice", "--note", "the revision is frozen upstream"));
            assertThat(decide.exitCode()).as(decide.all()).isZero();
            assertThat(decide.stdout()).contains("model-ext: promote by reviewer:alice (candidate -> promoted)")
                    .contains("ticket review-queue/.resolved/model-ext.md");
            assertThat(server.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = 'model-ext'"))
                    .containsExactly(List.of("promoted", "reviewer:alice"));
            assertThat(Files.readString(workDir.resolve("review-queue/.resolved/model-ext.md")))
                    .contains("## Decision").contains("the revision is frozen upstream");
            assertThat(JarRunner.run(workDir, with(db, "review", "list", "--only", "tickets")).stdout())
                    .contains("no open review tickets");

            Result history = JarRunner.run(workDir, with(db, "history", "model-ext"));
            assertThat(history.exitCode()).as(history.all()).isZero();
            assertThat(history.stdout()).contains("promotion_state          promoted")
                    .contains("decided_by               reviewer:alice")
                    .contains("2 event(s), oldest first:")
                    .containsPattern("held +none -> candidate  by pipeline")
                    .containsPattern("reviewed +candidate -> promoted  by reviewer:alice")
                    .contains("note: the revision is frozen upstream");
            assertThat(history.stdout().indexOf(" held ")).isLessThan(history.stdout().indexOf(" reviewed "));

            // a model that arrived as an inbox file and was held is decided the same way: the decision registers it
            Path inbox = Files.createDirectories(workDir.resolve("inbox"));
            Files.writeString(inbox.resolve("model-dropped.json"),
                    model("model-dropped", UNPINNED).with("title", "Dropped LM").toString());
            Result once = JarRunner.run(workDir, with(db, "run", "--once"));
            assertThat(once.exitCode()).as(once.all()).isZero();
            assertThat(JarRunner.run(workDir, with(db, "review", "list")).stdout()).containsPattern("model-dropped +A-UNPINNED");
            // its hold is in its history, though nothing of it is registered yet
            Result heldHistory = JarRunner.run(workDir, with(db, "history", "model-dropped"));
            assertThat(heldHistory.exitCode()).as(heldHistory.all()).isZero();
            assertThat(heldHistory.stdout()).containsPattern("held +inbox file model-dropped.json, not registered")
                    .contains("reasons: A-UNPINNED").contains("review decide model-dropped");
            Result decideDropped = JarRunner.run(workDir, with(db, "review", "decide", "model-dropped", "--promote",
                    "--reviewer", "bob", "--note", "frozen upstream too"));
            assertThat(decideDropped.exitCode()).as(decideDropped.all()).isZero();
            assertThat(decideDropped.stdout()).contains("model-dropped: promote by reviewer:bob (none -> promoted)");
            assertThat(server.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = 'model-dropped'"))
                    .containsExactly(List.of("promoted", "reviewer:bob"));
        }
    }

    private static String[] with(String[] db, String... command) {
        String[] all = new String[command.length + db.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(db, 0, all, command.length, db.length);
        return all;
    }
}
