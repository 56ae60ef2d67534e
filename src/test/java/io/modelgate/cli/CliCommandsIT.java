package io.modelgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the packaged jar: the one queue's columns and filters, --accept-as-is. */
class CliCommandsIT {
    private static final String UNPINNED = "{\"model_family\": \"transformer\", \"framework\": \"pytorch\","
            + " \"parameter_count\": 7000, \"training_data\": \"web\", \"evaluation_dataset\": \"mmlu\","
            + " \"evaluation_metrics\": {\"acc\": 0.6}, \"is_external\": true,"
            + " \"external_source_url\": \"https://huggingface.co/org/m\", \"external_source_version\": \"main\"}";
    /** No framework: the schema holds it (V-SCHEMA), and only corrected metadata resolves that. */
    private static final String NO_FRAMEWORK = "{\"model_family\": \"cnn\", \"parameter_count\": 10,"
            + " \"training_data\": \"t\", \"evaluation_dataset\": \"e\", \"evaluation_metrics\": {\"auc\": 0.7}}";
    private static final String ODE = "{\"model_family\": \"ODE solver\", \"framework\": \"julia\", \"parameter_count\": 12,"
            + " \"training_data\": \"t\", \"evaluation_dataset\": \"e\", \"evaluation_metrics\": {\"rmse\": 0.2}}";

    @TempDir
    Path workDir;

    @Test
    void theQueueShowsAgeStateAndWhetherAsIsWillDoAndAcceptAsIsTakesOnlyWhatAPolicyHeld() throws Exception {
        try (TestDatabase server = TestDatabase.start()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            Path inbox = Files.createDirectories(workDir.resolve("inbox"));
            Files.writeString(inbox.resolve("ext.json"), document("model-drop-ext", "External LM", UNPINNED));
            Files.writeString(inbox.resolve("bad.json"), document("model-drop-bad", "No framework", NO_FRAMEWORK));
            Files.writeString(inbox.resolve("ode.json"), document("model-drop-ode", "Kinetics ODE", ODE));
            Result once = JarRunner.run(workDir, with(new String[] {"run", "--once"}, db));
            assertThat(once.exitCode()).as(once.all()).isZero();
            // the schema's ticket has waited three days
            Files.setLastModifiedTime(workDir.resolve("review-queue/model-drop-bad.json"),
                    FileTime.from(Instant.now().minus(Duration.ofDays(3).plusMinutes(5))));

            Result list = JarRunner.run(workDir, with(new String[] {"review", "list"}, db));
            assertThat(list.exitCode()).as(list.all()).isZero();
            assertThat(list.stdout())
                    .containsPattern("\\n  since +age +state +decide +id +reasons +from +title\\n")
                    .containsPattern("\\d{4}-\\d\\d-\\d\\d +3d +held +metadata +model-drop-bad +V-SCHEMA +inbox +No framework")
                    .containsPattern("\\d{4}-\\d\\d-\\d\\d +\\d+m +held +as-is +model-drop-ext +A-UNPINNED +inbox +External LM")
                    .containsPattern("\\d+m +candidate +as-is +model-drop-ode +G-EVAL-PENDING +db +Kinetics ODE");
            assertThat(list.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            assertThat(list.stdout().indexOf("model-drop-bad")).isLessThan(list.stdout().indexOf("model-drop-ext"));

            Result held = JarRunner.run(workDir, with(new String[] {"review", "list", "--state", "held"}, db));
            assertThat(held.stdout()).contains("model-drop-bad", "model-drop-ext").doesNotContain("model-drop-ode")
                    .doesNotContain("candidate(s) waiting");
            Result candidate = JarRunner.run(workDir, with(new String[] {"review", "list", "--state", "candidate"}, db));
            assertThat(candidate.stdout()).contains("model-drop-ode").doesNotContain("model-drop-ext")
                    .doesNotContain("open review ticket");
            Result old = JarRunner.run(workDir, with(new String[] {"review", "list", "--older-than", "2d"}, db));
            assertThat(old.stdout()).contains("1 open review ticket(s)").contains("model-drop-bad")
                    .doesNotContain("model-drop-ext").contains("no candidates waiting for a person older than 2d");
            Result recent = JarRunner.run(workDir, with(new String[] {"review", "list", "--newer-than", "5h"}, db));
            assertThat(recent.stdout()).contains("model-drop-ext", "model-drop-ode").doesNotContain("model-drop-bad");
            Result badAge = JarRunner.run(workDir, with(new String[] {"review", "list", "--older-than", "2 days"}, db));
            assertThat(badAge.exitCode()).isEqualTo(2);
            assertThat(badAge.stderr()).isEqualTo("modelgate: --older-than takes an age such as 45m, 5h, 2d or 1w"
                    + " (minutes, hours, days, weeks), not \"2 days\" (see modelgate review list --help)\n");
            Result badState = JarRunner.run(workDir, with(new String[] {"review", "list", "--state", "open"}, db));
            assertThat(badState.exitCode()).isEqualTo(2);
            assertThat(badState.stderr().lines()).hasSize(1);

            // --accept-as-is and --metadata cannot go together
            Path fix = Files.writeString(workDir.resolve("fix.json"), "{\"framework\": \"keras\"}");
            Result both = JarRunner.run(workDir, with(new String[] {"review", "decide", "model-drop-bad", "--promote",
                    "--reviewer", "alice", "--note", "ok", "--accept-as-is", "--metadata", fix.toString()}, db));
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.stderr()).contains("mutually exclusive").doesNotContain("\tat ");

            // a schema error is not the reviewer's to accept: refused, naming --metadata, and nothing written
            Result refused = JarRunner.run(workDir, with(new String[] {"review", "decide", "model-drop-bad", "--promote",
                    "--reviewer", "alice", "--note", "looks fine", "--accept-as-is"}, db));
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.stderr()).contains("decision on model-drop-bad refused, nothing written")
                    .contains("/metadata: held for V-SCHEMA, which --accept-as-is cannot take: correct it with --metadata FILE")
                    .doesNotContain("\tat ");
            assertThat(refused.stderr().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            assertThat(server.count("SELECT count(*) FROM artifacts WHERE id = 'model-drop-bad'")).isZero();
            assertThat(server.count("SELECT count(*) FROM held_inbox_documents WHERE artifact_id = 'model-drop-bad'")).isEqualTo(1);
            assertThat(server.count("SELECT count(*) FROM model_version_events WHERE event = 'reviewed'")).isZero();
            assertThat(workDir.resolve("review-queue/model-drop-bad.md")).exists();

            // a moving upstream ref is: the held document is registered as it is
            Result accepted = JarRunner.run(workDir, with(new String[] {"review", "decide", "model-drop-ext", "--promote",
                    "--reviewer", "alice", "--note", "the revision is frozen upstream", "--accept-as-is"}, db));
            assertThat(accepted.exitCode()).as(accepted.all()).isZero();
            assertThat(accepted.stdout()).contains("model-drop-ext: promote by reviewer:alice (none -> promoted)");
            assertThat(server.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = 'model-drop-ext'"))
                    .containsExactly(List.of("promoted", "reviewer:alice"));
            assertThat(server.single("SELECT metadata->>'external_source_version' FROM artifacts WHERE id = 'model-drop-ext'"))
                    .isEqualTo("main");
            assertThat(workDir.resolve("review-queue/.resolved/model-drop-ext.md")).exists();
        }
    }

    private static String document(String id, String title, String metadata) {
        return "{\"id\": \"" + id + "\", \"artifact_type\": \"model\", \"title\": \"" + title + "\", \"metadata\": "
                + metadata + "}";
    }

    private static String[] with(String[] command, String... more) {
        String[] all = new String[command.length + more.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
