package io.modelgate.cli;

import static io.modelgate.support.TestJson.decision;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Json;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's runs count what they did: a model a reviewer rejected is not counted or
 * described as held when its input is unchanged, and the decision files a run read are counted
 * and listed, applied or refused, on stdout, in the report and in the summary JSON.
 */
class RunCountsIT {
    /** One PostgreSQL for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private static final String REJECTED = "model-biophys-microglia-001";
    private static final String PROMOTED = "model-56e6e50d-2f7a-4b9c-8d1e-3a4b5c6d7e8f";
    private static final Pattern REPORT = Pattern.compile("(?m)^report: (.+)$");

    @TempDir
    Path workDir;

    @Test
    void aRejectedModelWhoseInputIsUnchangedIsCountedDecidedNotReviewAndGetsNoTicket() throws Exception {
        try (TestDatabase server = SERVER.freshDatabase()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            Result demo = JarRunner.run(workDir, with(db, "demo"));
            assertThat(demo.exitCode()).as(demo.all()).isZero();
            Result reject = JarRunner.run(workDir, with(db, "review", "decide", REJECTED, "--reject",
                    "--reviewer", "alice", "--note", "the ODE does not fit the data"));
            assertThat(reject.exitCode()).as(reject.all()).isZero();

            Result once = JarRunner.run(workDir, with(db, "run", "--once"));

            assertThat(once.exitCode()).as(once.all()).isZero();
            assertThat(once.stdout()).containsPattern("promote \\d+, candidate \\d+, review 0, failed 0 \\(unchanged \\d+\\)\n"
                    + "decided: 1 \\(rejected 1\\): final rows whose input is unchanged, nothing held for a person\n");
            assertThat(once.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            assertReportedAsDecided(once);

            // the platform touches the row without changing it: assessed again, it is still decided, with no ticket
            server.execute("UPDATE artifacts SET updated_at = now() WHERE id = '" + REJECTED + "'");
            Result touched = JarRunner.run(workDir, with(db, "run", "--once"));

            assertThat(touched.exitCode()).as(touched.all()).isZero();
            assertThat(touched.stdout()).containsPattern("review 0, failed 0 \\(unchanged \\d+\\)\ndecided: 1 \\(rejected 1\\)");
            assertReportedAsDecided(touched);
            assertThat(server.rows("SELECT promotion_state, decided_by FROM model_versions WHERE artifact_id = '"
                    + REJECTED + "'")).containsExactly(List.of("rejected", "reviewer:alice"));
        }
    }

    @Test
    void aRunListsTheDecisionFileItAppliedAndTheOneItRefusedAndExitsZero() throws Exception {
        try (TestDatabase server = SERVER.freshDatabase()) {
            String[] db = {"--db-url", server.jdbcUrl(), "--db-user", server.user()};
            assertThat(JarRunner.run(workDir, with(db, "demo")).exitCode()).isZero();
            Path decisions = Files.createDirectories(workDir.resolve("review-queue/decisions"));
            Files.writeString(decisions.resolve(PROMOTED + ".json"),
                    decision(PROMOTED, "promote", "bob", "evaluated by hand against the lab's assay").toString());
            Files.writeString(decisions.resolve("model-unknown.json"),
                    decision("model-unknown", "reject", "bob", "a typo in the id").toString());

            Result once = JarRunner.run(workDir, with(db, "run", "--once"));

            assertThat(once.exitCode()).as(once.all()).isZero();
            assertThat(once.stdout()).contains("decisions: 1 applied, 1 refused\n"
                    + "  refused model-unknown: /id: no artifact and no held inbox file has the id model-unknown\n"
                    + "  applied " + PROMOTED + ": promote by bob, candidate -> promoted\n");
            assertThat(once.stdout().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            assertThat(decisions.resolve(".done/" + PROMOTED + ".json")).exists();
            assertThat(decisions.resolve(".failed/model-unknown.json")).exists();

            Path report = report(once);
            assertThat(Files.readString(report)).contains("## Decisions\n\n2 decision file(s) read: 1 applied, 1 refused")
                    .contains("| `" + PROMOTED + "` | promote | bob | applied | candidate -> promoted |\n")
                    .contains("| `model-unknown` | reject | bob | refused | /id: no artifact and no held inbox file has the id"
                            + " model-unknown |\n");
            JsonNode summary = Json.parse(Files.readString(summaryOf(report)));
            assertThat(summary.get("counts").get("decisions_applied").asInt()).isEqualTo(1);
            assertThat(summary.get("counts").get("decisions_refused").asInt()).isEqualTo(1);
            assertThat(summary.get("decisions")).hasSize(2);
            JsonNode applied = summary.get("decisions").get(0);
            assertThat(applied.get("id").asText()).isEqualTo(PROMOTED);
            assertThat(applied.get("outcome").asText()).isEqualTo("applied");
            assertThat(applied.get("reviewer").asText()).isEqualTo("bob");
            assertThat(applied.get("to_state").asText()).isEqualTo("promoted");
            JsonNode refused = summary.get("decisions").get(1);
            assertThat(refused.get("id").asText()).isEqualTo("model-unknown");
            assertThat(refused.get("outcome").asText()).isEqualTo("refused");
            assertThat(refused.get("reason").asText()).isEqualTo("/id: no artifact and no held inbox file has the id model-unknown");
            // the spec's keys stay as they were
            assertThat(summary.get("counts").fieldNames()).toIterable()
                    .contains("promote", "candidate", "review", "failed", "unchanged");
        }
    }

    /** The run's report and summary show the rejected model as it stands: decided, rejected, nothing held. */
    private void assertReportedAsDecided(Result run) throws Exception {
        Path report = report(run);
        assertThat(Files.readString(report)).contains("| review | 0 |\n").contains("| decided | 1 |\n")
                .contains("The 1 decided (rejected 1) needed none either")
                .doesNotContain("## Held for review").doesNotContain("held earlier").doesNotContain("None.");
        JsonNode summary = Json.parse(Files.readString(summaryOf(report)));
        assertThat(summary.get("counts").get("review").asInt()).isZero();
        assertThat(summary.get("counts").get("decided").asInt()).isEqualTo(1);
        JsonNode entry = null;
        for (JsonNode artifact : summary.get("artifacts")) {
            if (REJECTED.equals(artifact.get("id").asText())) {
                entry = artifact;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("channel").asText()).isEqualTo("decided");
        assertThat(entry.get("promotion_state").asText()).isEqualTo("rejected");
        assertThat(entry.get("change").asText()).isEqualTo("unchanged");
        assertThat(workDir.resolve("review-queue/" + REJECTED + ".md")).doesNotExist();
        assertThat(workDir.resolve("review-queue/" + REJECTED + ".json")).doesNotExist();
    }

    private Path report(Result run) {
        Matcher report = REPORT.matcher(run.stdout());
        assertThat(report.find()).as(run.stdout()).isTrue();
        return workDir.resolve(report.group(1));
    }

    private static Path summaryOf(Path report) {
        return report.resolveSibling(report.getFileName() + ".json");
    }

    private static String[] with(String[] db, String... command) {
        String[] all = new String[command.length + db.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(db, 0, all, command.length, db.length);
        return all;
    }
}
