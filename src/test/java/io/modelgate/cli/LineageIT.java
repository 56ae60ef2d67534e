package io.modelgate.cli;

import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.JarRunner;
import io.modelgate.support.JarRunner.Result;
import io.modelgate.support.TestDatabase;
import io.modelgate.support.TestJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lineages through the packaged jar: drops, supersession, a reviewer's promotion, a hold, the as-of answer. */
class LineageIT {
    private static final TestJson METADATA = object("model_family", "unet", "framework", "pytorch",
            "parameter_count", 31000000, "training_data", "EM slices", "evaluation_dataset", "EM holdout",
            "evaluation_metrics", object("dice", 0.8));

    @TempDir
    Path workDir;

    private TestDatabase server;

    private Result modelgate(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--db-url", server.jdbcUrl(), "--db-user", server.user()));
        Result result = JarRunner.run(workDir, args.toArray(String[]::new));
        assertThat(result.stderr()).as(String.join(" ", command)).doesNotContain("\tat ");
        return result;
    }

    private void drop(String file, String id, TestJson topLevel, TestJson extraMetadata) throws Exception {
        Path inbox = Files.createDirectories(workDir.resolve("inbox"));
        Files.writeString(inbox.resolve(file), envelope(id).with("title", "Seg " + id).withAll(topLevel)
                .with("metadata", METADATA.withAll(extraMetadata)).toString());
    }

    /** The database's clock now, as a user would type it. */
    private String now() {
        return server.single("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
    }

    private List<List<String>> states() {
        return server.rows("SELECT artifact_id, promotion_state, decided_by FROM model_versions ORDER BY artifact_id");
    }

    @Test
    void versionsOfALineageAndABaseModelWithItsFineTuneThroughRunsDecisionsAndTheAsOfAnswer() throws Exception {
        try (TestDatabase database = TestDatabase.start()) {
            server = database;
            assertThat(modelgate("migrate").exitCode()).isZero();
            String beforeAll = now();

            // one drop: two versions of a lineage and a fine-tune whose base model comes with it
            drop("a-finetune.json", "seg-ft", object(), object("base_model_id", "seg-base"));
            drop("b-seg-v2.json", "seg-v2", object("parent_version_id", "seg-v1"), object());
            drop("c-seg-v1.json", "seg-v1", object(), object());
            drop("d-base.json", "seg-base", object(), object());
            Result first = modelgate("run", "--once");
            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(states()).containsExactly(List.of("seg-base", "promoted", "pipeline"),
                    List.of("seg-ft", "promoted", "pipeline"), List.of("seg-v1", "superseded", "pipeline"),
                    List.of("seg-v2", "promoted", "pipeline"));
            assertThat(server.single("SELECT base_model_id FROM model_versions WHERE artifact_id = 'seg-ft'"))
                    .isEqualTo("seg-base");
            Result v1History = modelgate("history", "seg-v1");
            assertThat(v1History.stdout()).containsPattern("registered +none -> promoted +by pipeline")
                    .containsPattern("superseded +promoted -> superseded +by pipeline")
                    .contains("superseded by seg-v2, a newer version of its lineage");
            assertThat(modelgate("history", "seg-ft").stdout()).doesNotContain("A-REF");
            String afterFirstRun = now();

            // a reviewer confirms seg-v2; a newer version the pipeline would promote is then held for a person
            Result confirm = modelgate("review", "decide", "seg-v2", "--promote", "--reviewer", "ann",
                    "--note", "checked on the new slices");
            assertThat(confirm.exitCode()).as(confirm.all()).isZero();
            drop("seg-v3.json", "seg-v3", object("parent_version_id", "seg-v2"), object());
            Result second = modelgate("run", "--once");
            assertThat(second.exitCode()).as(second.all()).isZero();
            assertThat(server.count("SELECT count(*) FROM artifacts WHERE id = 'seg-v3'")).isZero();
            assertThat(modelgate("review", "list").stdout()).containsPattern("seg-v3 +[A-Z,-]*R-LINEAGE");
            assertThat(Files.readString(workDir.resolve("review-queue/seg-v3.md"))).contains("seg-v2, an older version"
                    + " of its lineage, is promoted by the decision of reviewer:ann").contains("review decide seg-v3 --promote");

            // the reviewer promotes seg-v3: seg-v2 is superseded in the same decision
            Result promote = modelgate("review", "decide", "seg-v3", "--promote", "--reviewer", "ann",
                    "--note", "better dice on the holdout");
            assertThat(promote.exitCode()).as(promote.all()).isZero();
            assertThat(states()).contains(List.of("seg-v2", "superseded", "reviewer:ann"),
                    List.of("seg-v3", "promoted", "reviewer:ann"));
            String afterPromotion = now();

            // promoting an older version beside seg-v3 is refused, and nothing is written
            int events = server.count("SELECT count(*) FROM model_version_events");
            Result refused = modelgate("review", "decide", "seg-v1", "--promote", "--reviewer", "ann", "--note", "back");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("refused, nothing written:\n").contains("/id: seg-v3 of the same lineage"
                    + " is promoted and is not older than seg-v1; decide seg-v3 first (--supersede or --candidate)");
            assertThat(server.count("SELECT count(*) FROM model_version_events")).isEqualTo(events);

            // which version was promoted at each moment
            Result atFirst = modelgate("history", "--lineage", "seg-v3", "--as-of", afterFirstRun);
            assertThat(atFirst.exitCode()).as(atFirst.all()).isZero();
            assertThat(atFirst.stdout()).contains("lineage seg-v1 as of ").contains("  promoted: seg-v2\n")
                    .containsPattern("superseded  [0-9-]+ [0-9:]+Z  seg-v1").doesNotContain("seg-v3");
            Result atLast = modelgate("history", "--lineage", "seg-v1", "--as-of", afterPromotion);
            assertThat(atLast.stdout()).contains("  promoted: seg-v3\n").contains("by reviewer:ann")
                    .containsPattern("superseded  [0-9-]+ [0-9:]+Z  seg-v2");
            assertThat(modelgate("history", "--lineage", "seg-v1", "--as-of", beforeAll).stdout())
                    .contains("  no version was promoted");
            assertThat(Stream.of(atFirst, atLast).flatMap(r -> r.stdout().lines()))
                    .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
            Result badTime = modelgate("history", "--lineage", "seg-v1", "--as-of", "last tuesday");
            assertThat(badTime.exitCode()).isEqualTo(2);
            assertThat(badTime.stderr()).contains("--as-of \"last tuesday\" is not a time");
        }
    }
}
