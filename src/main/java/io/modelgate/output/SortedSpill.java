package io.modelgate.output;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Lines kept on disk and handed back sorted by a key, in bounded memory: lines are written as
 * they come; at the end, chunks of at most {@code chunkSize} lines are sorted one at a time and
 * merged. A report of a million artifacts needs no more memory than one of eight.
 *
 * <p>Each line is {@code key + TAB + payload}; keys must not contain tabs or line breaks. Payloads
 * may, unless the spill is made for one-line payloads (line breaks are stored as {@code \n}
 * and {@code \r}, a backslash as two).
 */
public final class SortedSpill implements Closeable {
    private final Path directory;
    private final int chunkSize;
    private final boolean multiLine;
    private final Path unsorted;
    private final BufferedWriter writer;
    private Path sorted;
    /** Whether the lines came in key order so far (a scan's rows do): then there is nothing to sort. */
    private boolean inOrder = true;
    private String lastKey;

    /** A spill whose payloads may hold line breaks (escaped on disk). */
    public SortedSpill(Path directory, int chunkSize) {
        this(directory, chunkSize, true);
    }

    /**
     * @param multiLine whether payloads may hold line breaks; a spill of one-line payloads (JSON
     *                  lines) stores them as they are, which saves escaping every backslash
     */
    public SortedSpill(Path directory, int chunkSize, boolean multiLine) {
        this.directory = directory;
        this.chunkSize = chunkSize;
        this.multiLine = multiLine;
        try {
            Files.createDirectories(directory);
            this.unsorted = Files.createTempFile(directory, ".spill", ".tmp");
            this.writer = Files.newBufferedWriter(unsorted, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + directory, e);
        }
    }

    /** Adds a line; the payload may hold line breaks (they are escaped on disk). */
    public synchronized void add(String key, String payload) {
        if (inOrder && lastKey != null && lastKey.compareTo(key) > 0) {
            inOrder = false;
        }
        lastKey = key;
        try {
            writer.write(key);
            writer.write('\t');
            writer.write(multiLine ? escape(payload) : oneLine(payload));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands every payload to {@code consumer} in key order; may be called many times. */
    public synchronized void forEachSorted(Consumer<String> consumer) {
        try {
            if (sorted == null) {
                writer.close();
                sorted = inOrder ? unsorted : sort();
            }
            try (BufferedReader reader = Files.newBufferedReader(sorted, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String payload = line.substring(line.indexOf('\t') + 1);
                    consumer.accept(multiLine ? unescape(payload) : payload);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path sort() throws IOException {
        List<Path> chunks = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(unsorted, StandardCharsets.UTF_8)) {
            List<String> chunk = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                chunk.add(line);
                if (chunk.size() == chunkSize) {
                    chunks.add(writeSorted(chunk));
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty() || chunks.isEmpty()) {
                chunks.add(writeSorted(chunk));
            }
        }
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        return merge(chunks);
    }

    private Path writeSorted(List<String> chunk) throws IOException {
        // each line's key is cut out once, not at every comparison; the sort is stable, and the
        // lines mostly come in runs already in order (a scan's batches), which it finds
        record Keyed(String key, String line) {
        }
        List<Keyed> keyed = new ArrayList<>(chunk.size());
        for (String line : chunk) {
            keyed.add(new Keyed(key(line), line));
        }
        keyed.sort(Comparator.comparing(Keyed::key));
        Path file = Files.createTempFile(directory, ".spill-sorted", ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Keyed line : keyed) {
                out.write(line.line());
                out.write('\n');
            }
        }
        return file;
    }

    private Path merge(List<Path> chunks) throws IOException {
        Path merged = Files.createTempFile(directory, ".spill-merged", ".tmp");
        List<BufferedReader> readers = new ArrayList<>();
        record Head(String key, String line, int source) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::key).thenComparingInt(Head::source));
        try (BufferedWriter out = Files.newBufferedWriter(merged, StandardCharsets.UTF_8)) {
            for (int i = 0; i < chunks.size(); i++) {
                BufferedReader reader = Files.newBufferedReader(chunks.get(i), StandardCharsets.UTF_8);
                readers.add(reader);
                String first = reader.readLine();
                if (first != null) {
                    heads.add(new Head(key(first), first, i));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.write(head.line());
                out.write('\n');
                String next = readers.get(head.source()).readLine();
                if (next != null) {
                    heads.add(new Head(key(next), next, head.source()));
                }
            }
        } finally {
            for (BufferedReader reader : readers) {
                reader.close();
            }
            for (Path chunk : chunks) {
                Files.deleteIfExists(chunk);
            }
        }
        return merged;
    }

    private static String oneLine(String payload) {
        if (payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a payload of a one-line spill holds a line break");
        }
        return payload;
    }

    private static String escape(String payload) {
        if (payload.indexOf('\n') < 0 && payload.indexOf('\r') < 0 && payload.indexOf('\\') < 0) {
            return payload;
        }
        return payload.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String stored) {
        int backslash = stored.indexOf('\\');
        if (backslash < 0) {
            return stored;
        }
        StringBuilder out = new StringBuilder(stored.length());
        int from = 0;
        while (backslash >= 0 && backslash + 1 < stored.length()) {
            out.append(stored, from, backslash);
            char next = stored.charAt(backslash + 1);
            out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            from = backslash + 2;
            backslash = stored.indexOf('\\', from);
        }
        return out.append(stored, from, stored.length()).toString();
    }

    private static String key(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
            Files.deleteIfExists(unsorted);
            if (sorted != null) {
                Files.deleteIfExists(sorted);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
