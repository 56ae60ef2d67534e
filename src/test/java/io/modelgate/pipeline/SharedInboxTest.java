package io.modelgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
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
            PipelineHarness first = new PipelineHarness(database, root.resolve("a"));
            PipelineHarness second = new PipelineHarness(database, root.resolve("b"))
                    .set(io.modelgate.config.Settings.INBOX, first.inbox().toString());
            Files.createDirectories(first.inbox());
            for (int i = 0; i < FILES; i++) {
                String id = String.format("model-shared-%03d", i);
                Files.writeString(first.inbox().resolve(id + ".json"), InboxTest.model(id, "{" + InboxTest.VALID
                        + ", \"evaluation_metrics\": {\"auc\": 0.7}}"));
            }

            CompletableFuture<RunResult> a = CompletableFuture.supplyAsync(first::once);
            CompletableFuture<RunResult> b = CompletableFuture.supplyAsync(second::once);
            List<RunResult> results = List.of(a.get(), b.get());

            int registered = results.stream().mapToInt(r -> r.count("promote") - r.count("unchanged")).sum();
            int seen = results.stream().mapToInt(r -> r.count("promote")).sum();
            assertThat(seen).isEqualTo(FILES);
            assertThat(registered).isEqualTo(FILES);
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
