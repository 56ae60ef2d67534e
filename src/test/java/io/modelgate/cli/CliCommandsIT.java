package io.modelgate.cli;

import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.DatabaseServer;
import io.modelgate.support.Eventually;
import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of the packaged jar: its help, versions, the one queue's columns and filters,
 * --accept-as-is, and the daemon's first lines.
 */
class CliCommandsIT {
    /** One PostgreSQL for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private static final String[][] COMMANDS = {{"demo"}, {"migrate"}, {"backfill"}, {"run"}, {"validate"}, {"status"},
            {"versions"}, {"review"}, {"review", "list"}, {"review", "show"}, {"review", "decide"}, {"history"}};
    private static final List<String> DATABASE_OPTIONS = List.of("--db-url", "--db-user", "--db-password");
    private static final List<String> RUN_OPTIONS = List.of("--inbox", "--report", "--summary-json");
    private static final TestJson UNPINNED = object("model_family", "transformer", "framework", "pytorch",
            "parameter_count", 7000, "training_data", "web", "evaluation_dataset", "mmlu",
            "evaluation_metrics", object("acc", 0.6), "is_external", true,
            "external_source_url", "https://huggingface.co/org/m", "external_source_version", "main");
    /** No framework: the schema holds it (V-SCHEMA), and only corrected metadata resolves that. */
    private static final TestJson NO_FRAMEWORK = object("model_family", "cnn", "parameter_count", 10,
            "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("auc", 0.7));
    private static final TestJson ODE = object("model_family", "ODE solver", "framework", "julia", "parameter_count", 12,
            "training_data", "t", "evaluation_dataset", "e", "evaluation_metrics", object("rmse", 0.2));

    @TempDir
    Path workDir;

    @Test
    void everyHelpFitsOneHundredColumnsSaysWholeSentencesAndListsOnlyTheOptionsThatApply() {
        Result top = JarRunner.run(workDir, "--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        // each command's line in the list, with the lines it wraps onto, is one whole sentence
        List<String> summaries = commandSummaries(top.stdout());
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(COMMANDS.length - 3);
        assertThat(summaries).allSatisfy(summary -> assertThat(summary).endsWith("."));
        assertThat(summaries).anySatisfy(summary -> assertThat(summary).startsWith("versions "));

        for (String[] command : COMMANDS) {
            Result help = JarRunner.run(workDir, with(command, "--help"));
            String name = String.join(" ", command);
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.stdout().lines()).as(name).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            if (!name.equals("review")) {
                assertThat(help.stdout()).as(name).contains("--config=FILE");
            }
        }
        Result validate = JarRunner.run(workDir, "validate", "--help");
        for (String option : concat(DATABASE_OPTIONS, List.of("--data-dir", "--review-queue"), RUN_OPTIONS)) {
            assertThat(validate.stdout()).doesNotContain(option);
        }
        Result migrate = JarRunner.run(workDir, "migrate", "--help");
        assertThat(migrate.stdout()).contains("--db-url", "--data-dir").doesNotContain("--inbox", "--review-queue", "--report");
        Result list = JarRunner.run(workDir, "review", "list", "--help");
        assertThat(list.stdout()).contains("--db-url", "--review-queue", "--state", "--older-than", "--newer-than")
                .doesNotContain("--inbox", "--report", "--summary-json");
        Result run = JarRunner.run(workDir, "run", "--help");
        assertThat(run.stdout()).contains("--db-url", "--inbox", "--review-queue", "--report", "--summary-json", "--once");
        Result demo = JarRunner.run(workDir, "demo", "--help");
        assertThat(demo.stdout()).contains("--db-url", "--report").doesNotContain("--inbox", "--data-dir");
        assertThat(JarRunner.run(workDir, "review", "decide", "--help").stdout()).contains("--accept-as-is");

        // a script may pass the shared options to every command: those a command does not use are taken without effect
        Result validateWithAll = JarRunner.run(workDir, "validate", "--db-url", "jdbc:postgresql://127.0.0.1:1/none",
                "--data-dir", "nowhere", "--inbox", "elsewhere", "--report", "r.md",
                Path.of("fixtures", "ws1", "model_ot_ad_zscore_rules_v1.json").toAbsolutePath().toString());
        assertThat(validateWithAll.exitCode()).as(validateWithAll.all()).isZero();
        assertThat(validateWithAll.stdout()).contains("promote");
        assertThat(workDir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void versionsListsTheDemoVersionsByStateFamilyAndLineageWithinOneHundredColumns() {
        try (TestDatabase server = SERVER.freshDatabase()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            Result demo = JarRunner.run(workDir, with(new String[] {"demo"}, db));
            assertThat(demo.exitCode()).as(demo.all()).isZero();
            // a lineage: the gradient-boosted trees follow the transformer, the MLP was superseded by them
            server.execute("UPDATE artifacts SET parent_version_id = 'model-14307274-8c3d-4e1f-a5b6-c7d8e9f0a1b2'"
                    + " WHERE id = 'model-29ce54ef-5a1b-4c2e-9f3d-7b8e1a2c4d60'");
            server.execute("UPDATE artifacts SET superseded_by = 'model-29ce54ef-5a1b-4c2e-9f3d-7b8e1a2c4d60'"
                    + " WHERE id = 'model-9ccc79de-3e4f-4a5b-9c6d-7e8f9a0b1c2d'");

            Result all = JarRunner.run(workDir, with(new String[] {"versions"}, db));
            assertThat(all.exitCode()).as(all.all()).isZero();
            assertThat(all.stdout()).startsWith("8 model version(s) (promoted 6, candidate 2), by family, oldest first:")
                    // ids too long to leave the title its room stand on lines of their own
                    .containsPattern("\\n  id\\n      state +family +version +decided by +updated +title\\n")
                    .containsPattern("\\n  model-biophys-microglia-001\\n      candidate +mechanistic ODE +0\\.1 +pipeline"
                            + " +\\d{4}-\\d\\d-\\d\\d +Microglia");
            assertThat(all.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));

            Result candidates = JarRunner.run(workDir, with(new String[] {"versions", "--state", "candidate"}, db));
            assertThat(candidates.stdout()).startsWith("2 model version(s) candidate (candidate 2)")
                    .contains("model-biophys-microglia-001").contains("model-56e6e50d-2f7a-4b9c-8d1e-3a4b5c6d7e8f")
                    .doesNotContain("promoted");
            Result family = JarRunner.run(workDir, with(new String[] {"versions", "--family", "ode"}, db));
            assertThat(family.stdout()).startsWith("2 model version(s) in family \"ode\"");
            Result lineage = JarRunner.run(workDir, with(new String[] {"versions", "--lineage",
                    "model-9ccc79de-3e4f-4a5b-9c6d-7e8f9a0b1c2d"}, db));
            assertThat(lineage.stdout()).startsWith("3 model version(s) in the lineage of model-9ccc79de")
                    .contains("model-14307274-8c3d-4e1f-a5b6-c7d8e9f0a1b2").contains("model-29ce54ef-5a1b-4c2e-9f3d-7b8e1a2c4d60")
                    .doesNotContain("model-45e16a37");
            assertThat(JarRunner.run(workDir, with(new String[] {"versions", "--state", "rejected"}, db)).stdout())
                    .isEqualTo("no model versions rejected\n");

            Result badState = JarRunner.run(workDir, with(new String[] {"versions", "--state", "live"}, db));
            assertThat(badState.exitCode()).isEqualTo(2);
            assertThat(badState.stderr()).isEqualTo("modelgate: --state must be promoted, candidate, rejected or superseded,"
                    + " not \"live\"\n  see modelgate versions --help\n");

            Result status = JarRunner.run(workDir, with(new String[] {"status"}, db));
            assertThat(status.stdout()).contains("  candidate  2  (modelgate versions --state candidate)");
            assertThat(status.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        }
    }

    @Test
    void theQueueShowsAgeStateAndWhetherAsIsWillDoAndAcceptAsIsTakesOnlyWhatAPolicyHeld() throws Exception {
        try (TestDatabase server = SERVER.freshDatabase()) {
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
            assertThat(badAge.stderr()).isEqualTo("modelgate: --older-than takes an age such as 45m, 5h, 2d or 1w,"
                    + " not \"2 days\"\n  see modelgate review list --help\n");
            Result badState = JarRunner.run(workDir, with(new String[] {"review", "list", "--state", "open"}, db));
            assertThat(badState.exitCode()).isEqualTo(2);
            assertThat(badState.stderr()).startsWith("modelgate: --state must be held, candidate, promoted, rejected or"
                    + " superseded, not \"open\"\n");
            Result exclusive = JarRunner.run(workDir, with(new String[] {"review", "list", "--only", "tickets",
                    "--state", "candidate"}, db));
            assertThat(exclusive.exitCode()).isEqualTo(2);
            assertThat(exclusive.stderr()).startsWith("modelgate: --only tickets and --state candidate exclude each other");
            for (Result usage : List.of(badAge, badState, exclusive)) {
                assertThat(usage.stderr().lines()).hasSize(2).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            }

            // --accept-as-is and --metadata cannot go together
            Path fix = Files.writeString(workDir.resolve("fix.json"), object("framework", "keras").toString());
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

    @Test
    void theDaemonStartsByNamingItsInboxReviewQueueHealthAndNextScanEachOnALineWithinOneHundredColumns() throws Exception {
        Path config = Files.writeString(workDir.resolve("daemon.properties"), "modelgate.health.port=0\n");
        try (TestDatabase server = SERVER.freshDatabase()) {
            Path log = workDir.resolve("daemon.log");
            Process daemon = JarRunner.start(workDir, log, "run", "--config", config.toString(),
                    "--db-url", server.jdbcUrl(), "--db-user", server.user());
            try {
                Eventually.waitFor(() -> Eventually.read(log).contains("stop with SIGTERM"), () -> Eventually.read(log));
            } finally {
                daemon.destroy();
            }
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("stops after SIGTERM").isTrue();
            List<String> lines = Files.readString(log).lines().toList();
            int first = lines.indexOf(lines.stream().filter(line -> line.contains("modelgate is running: ")).findFirst()
                    .orElseThrow());
            String queue = workDir.resolve("review-queue").toAbsolutePath().toString();
            assertThat(lines.get(first)).endsWith("modelgate is running: inbox " + workDir.resolve("inbox").toAbsolutePath());
            assertThat(lines.subList(first + 1, first + 3)).containsExactly(
                    "  review queue " + queue + " (decision files in " + queue + "/decisions)",
                    "  no health endpoint (modelgate.health.port=0)");
            assertThat(lines.get(first + 3)).matches("  scan on \"0 0/15 \\* \\* \\* \\?\" \\(next at \\d{4}-\\d\\d-\\d\\d"
                    + " \\d\\d:\\d\\d:\\d\\dZ\\); stop with SIGTERM");
            // the paths are the test's own (long temporary ones): only the lines without them must fit
            assertThat(lines.subList(first + 2, first + 4)).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        }
    }

    private static String document(String id, String title, TestJson metadata) {
        return model(id, metadata).with("title", title).toString();
    }

    /** The lines of the top-level help's command list, each command's description joined with the lines it wraps onto. */
    private static List<String> commandSummaries(String help) {
        List<String> summaries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.startsWith("  ") && !line.startsWith("   ")) {
                summaries.add(line.strip().replaceAll(" +", " "));
            } else if (inList) {
                int last = summaries.size() - 1;
                summaries.set(last, summaries.get(last) + " " + line.strip());
            }
        }
        return summaries;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static String[] with(String[] command, String... more) {
        String[] all = new String[command.length + more.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
