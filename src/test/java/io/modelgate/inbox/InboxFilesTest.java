package io.modelgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destination folders of inbox files, as several instances reach them at once. */
class InboxFilesTest {
    @TempDir
    Path inbox;

    @Test
    void destinationFolderExistsBeforeTheMove() {
        InboxFiles files = new InboxFiles(inbox);

        assertThat(files.destination("a.json", settled())).isEqualTo(InboxFiles.DONE);
        assertThat(inbox.resolve(InboxFiles.DONE)).isDirectory();

        assertThat(files.destination("b.json", new Assessment(Assessment.SOURCE_INBOX, "b.json")
                .fail("E-PARSE", null, "the file is not valid UTF-8 JSON"))).isEqualTo(InboxFiles.FAILED);
        assertThat(inbox.resolve(InboxFiles.FAILED)).isDirectory();
        assertThat(inbox.resolve(InboxFiles.FAILED).resolve("b.json.error.txt")).content()
                .isEqualTo("b.json: E-PARSE: the file is not valid UTF-8 JSON\n");
    }

    @Test
    void aNameTooLongToTakeASuffixGetsAShortenedErrorFileAndTheLineNamesItInFull() throws Exception {
        InboxFiles files = new InboxFiles(inbox);
        String name = "L".repeat(250) + ".json";

        assertThat(files.destination(name, new Assessment(Assessment.SOURCE_INBOX, name)
                .fail("E-PARSE", null, "the file is not valid UTF-8 JSON"))).isEqualTo(InboxFiles.FAILED);

        try (var failed = Files.list(inbox.resolve(InboxFiles.FAILED))) {
            Path errorFile = failed.filter(f -> f.getFileName().toString().endsWith(".error.txt")).findFirst().orElseThrow();
            assertThat(errorFile.getFileName().toString()).hasSizeLessThanOrEqualTo(255).startsWith("LLLL")
                    .matches("L+-[0-9a-f]{12}\\.error\\.txt");
            assertThat(errorFile).content().startsWith(name + ": E-PARSE");
        }
        // two long names that start alike keep apart, and a short name is left as it is
        assertThat(InboxFiles.fitted(name, ".error.txt")).isNotEqualTo(InboxFiles.fitted("L".repeat(250) + "x.json", ".error.txt"));
        assertThat(InboxFiles.fitted("a.json", ".error.txt")).isEqualTo("a.json.error.txt");
        // a name of multi-byte characters is cut between characters, within the limit in bytes
        String wide = "é".repeat(126) + ".json";
        assertThat(InboxFiles.fitted(wide, ".error.txt").getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(255);
    }

    @Test
    void instancesCreatingTheFolderAtOnceAllSucceed() throws Exception {
        int instances = 16;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String name = "file-" + i + ".json";
                InboxFiles files = new InboxFiles(inbox);
                calls.add(() -> {
                    go.await();
                    return files.destination(name, settled());
                });
            }
            List<Future<String>> results = new ArrayList<>();
            calls.forEach(call -> results.add(pool.submit(call)));
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(InboxFiles.DONE);
            }
            assertThat(Files.isDirectory(inbox.resolve(InboxFiles.DONE))).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Assessment settled() {
        Assessment assessment = new Assessment(Assessment.SOURCE_INBOX, "a.json");
        assessment.channel(Channel.PROMOTE);
        return assessment;
    }
}
