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
    void manyLinesShuffledInBlocksOrAtRandomComeBackSortedAndLinesOfOneKeyInTheOrderTheyCame() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keys.add(String.format("k%05d", i));
        }
        java.util.Random random = new java.util.Random(42);
        List<String> blocks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 400) {
            List<String> block = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + 400)));
            java.util.Collections.shuffle(block, random);
            blocks.addAll(block);
        }
        List<String> everywhere = new ArrayList<>(keys);
        java.util.Collections.shuffle(everywhere, random);
        List<String> expected = keys.stream().map(k -> "payload " + k).toList();
        assertThat(roundTrip(500, blocks.toArray(String[]::new))).isEqualTo(expected);
        assertThat(roundTrip(500, everywhere.toArray(String[]::new))).isEqualTo(expected);

        List<String> out = new ArrayList<>();
        try (SortedSpill spill = new SortedSpill(folder, 2)) {
            spill.add("b", "first b");
            spill.add("c", "c");
            spill.add("a", "a");
            spill.add("b", "second b");
            spill.add("b", "third b");
            spill.forEachSorted(out::add);
        }
        assertThat(out).containsExactly("a", "first b", "second b", "third b", "c");
    }

    @Test
    void payloadsKeepTheirLineBreaksAndBackslashes() {
        List<String> out = new ArrayList<>();
        try (SortedSpill spill = new SortedSpill(folder, 2)) {
            spill.add("b", "two\nlines \\n not a break");
            spill.add("a", "carriage\r\nreturn \\");
            spill.add("c", "\\\\ two backslashes, then é \u2264 and a break at the end\n");
            spill.forEachSorted(out::add);
        }
        assertThat(out).containsExactly("carriage\r\nreturn \\", "two\nlines \\n not a break",
                "\\\\ two backslashes, then é \u2264 and a break at the end\n");
    }

    @Test
    void nothingIsLeftInTheFolderOnceClosed() {
        roundTrip(2, "b", "a", "c");
        assertThat(folder.toFile().list()).isEmpty();
    }
}
