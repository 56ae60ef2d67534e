package io.modelgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which entries of the inbox are read: regular files with usable names; everything else is named and left. */
class FolderSelectionTest {
    @TempDir
    Path inbox;

    @Test
    void onlyRegularFilesWithUsableNamesAreReadAndEveryOtherDocumentNamedEntryIsToldWithItsReason() throws Exception {
        Files.writeString(inbox.resolve("good.json"), "{}");
        Files.writeString(inbox.resolve("pi|pe and space.json"), "{}");
        Files.writeString(inbox.resolve("Upper.JSON"), "{}");
        Files.writeString(inbox.resolve("nl\nx.json"), "{}");
        Files.writeString(inbox.resolve("back\\slash.json"), "{}");
        Files.writeString(inbox.resolve("outside.txt"), "{}");
        Files.createSymbolicLink(inbox.resolve("evil.json"), Path.of("/etc/passwd"));
        Files.createDirectory(inbox.resolve("dir.json"));
        // ignored without a word, as the contract says: hidden files and other names
        Files.writeString(inbox.resolve(".hidden.json"), "{}");
        Files.writeString(inbox.resolve("upload.json.part"), "{}");
        boolean fifo = new ProcessBuilder("mkfifo", inbox.resolve("pipe.json").toString()).start().waitFor() == 0;

        Map<String, String> leftAlone = new FolderSelection(inbox, null, true).leftAlone();

        assertThat(leftAlone.keySet()).containsExactlyInAnyOrder(fifo
                ? new String[] {"nl\nx.json", "back\\slash.json", "evil.json", "dir.json", "pipe.json"}
                : new String[] {"nl\nx.json", "back\\slash.json", "evil.json", "dir.json"});
        assertThat(leftAlone.get("evil.json")).startsWith("a symbolic link");
        assertThat(leftAlone.get("dir.json")).startsWith("a directory");
        assertThat(leftAlone.get("nl\nx.json")).contains("control character");
        assertThat(leftAlone.get("back\\slash.json")).contains("backslash");
        if (fifo) {
            assertThat(leftAlone.get("pipe.json")).contains("named pipe");
        }
        for (String read : new String[] {"good.json", "pi|pe and space.json", "Upper.JSON"}) {
            assertThat(FolderSelection.whyLeftAlone(inbox.resolve(read), read)).as(read).isNull();
        }
    }
}
