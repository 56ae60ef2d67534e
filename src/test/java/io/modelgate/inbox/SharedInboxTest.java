package io.modelgate.inbox;

import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.config.Settings;
import io.modelgate.model.Json;
import io.modelgate.run.RunResult;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on one database and one inbox: each file is read once, each artifact written once. */
class SharedInboxTest {
    private static final int FILES = 40;

    @TempDir
    Path root;

    @Test
    void twoInstancesProcessEachFileOnce() throws Exception {
        try (TestDatabase database = TestDatabase.start()) {
            // claims are kept a while after the move, as in production
            PipelineHarness first = new PipelineHarness(database, root.resolve("a"))
                    .set(Settings.CLAIM_RELEASE_MILLIS, "2000");
            PipelineHarness second = new PipelineHarness(database, root.resolve("b"))
                    .set(Settings.INBOX, first.inbox().toString())
                    .set(Settings.CLAIM_RELEASE_MILLIS, "2000");
            Files.createDirectories(first.inbox());
            for (int i = 0; i < FILES; i++) {
                String id = String.format("model-shared-%03d", i);
                Files.writeString(first.inbox().resolve(id + ".json"), model(id, validMetadata(object("auc", 0.7))).toString());
            }

            CompletableFuture<RunResult> a = CompletableFuture.supplyAsync(first::once);
            CompletableFuture<RunResult> b = CompletableFuture.supplyAsync(second::once);
            List<RunResult> results = List.of(a.get(), b.get());

            // the inbox rows of both reports: each file once; the rows the other instance wrote
            // may also come up in a scan (source db), unchanged
            List<JsonNode> rows = new ArrayList<>();
            for (RunResult result : results) {
                Json.parse(Files.readString(result.summary())).get("artifacts").forEach(rows::add);
            }
            assertThat(rows.stream().filter(r -> r.get("source").asText().equals("inbox")).map(r -> r.get("id").asText()))
                    .hasSize(FILES).doesNotHaveDuplicates();
            assertThat(rows.stream().filter(r -> r.get("change").asText().equals("inserted"))).hasSize(FILES);
            assertThat(rows.stream().filter(r -> r.get("source").asText().equals("db")))
                    .allSatisfy(r -> assertThat(r.get("change").asText()).isEqualTo("unchanged"));
            assertThat(database.count("SELECT count(*) FROM model_versions")).isEqualTo(FILES);
            assertThat(database.count("SELECT count(*) FROM model_version_events")).isEqualTo(FILES);
            try (Stream<Path> done = Files.list(first.inbox().resolve(".done"))) {
                assertThat(done.count()).isEqualTo(FILES);
            }
            try (Stream<Path> left = Files.list(first.inbox())) {
                assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
            }
            assertThat(database.count("SELECT count(*) FROM camel_messageprocessed")).isZero();
        }
    }
}
