package io.modelgate.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedSpillTest {
    @TempDir
    Path folder;

    private List<String> roundTrip(int chunkSize, String... keys) {
        List<String> out = new ArrayList<>();
        try (SortedSpill spill = new SortedSpill(folder, chunkSize)) {
            for (String key : keys) {
                spill.add(key, "payload " + key);
            }
            spill.forEachSorted(out::add);
        }
        return out;
    }

    @Test
    void linesComeBackInKeyOrderAcrossChunks() {
        assertThat(roundTrip(2, "d", "a", "c", "b", "e"))
                .containsExactly("payload a", "payload b", "payload c", "payload d", "payload e");
    }

    @Test
    void linesThatCameInOrderComeBackAsTheyCame() {
        assertThat(roundTrip(2, "a", "b", "b", "c")).containsExactly("payload a", "payload b", "payload b", "payload c");
    }

    @Test
    void payloadsKeepTheirLineBreaksAndBackslashes() {
        List<String> out = new ArrayList<>();
        try (SortedSpill spill = new SortedSpill(folder, 2)) {
            spill.add("b", "two\nlines \\n not a break");
            spill.add("a", "carriage\r\nreturn \\");
            spill.forEachSorted(out::add);
        }
        assertThat(out).containsExactly("carriage\r\nreturn \\", "two\nlines \\n not a break");
    }

    @Test
    void nothingIsLeftInTheFolderOnceClosed() {
        roundTrip(2, "b", "a", "c");
        assertThat(folder.toFile().list()).isEmpty();
    }
}
