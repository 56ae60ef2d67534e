package io.modelgate.output;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The entries of the inbox (or of the decisions folder) that a run left alone because modelgate
 * does not read them: a {@code *.json} that is not a regular file (a symbolic link, a named pipe,
 * a directory, a device), or whose name it cannot carry through its folders. Each is named once
 * per run, with the reason, sorted by name; the first {@value #NAMED} by name, and a count.
 */
public final class UnreadEntries {
    static final int NAMED = 100;

    /** One entry left alone: its name as shown (control characters escaped) and why. */
    public record Entry(String name, String reason) {
        @Override
        public String toString() {
            return name + " (" + reason + ")";
        }
    }

    private final Map<String, String> entries = new ConcurrentSkipListMap<>();

    /** Records an entry once per run, whichever poll met it. */
    public void add(String name, String reason) {
        entries.putIfAbsent(name, reason);
    }

    public int count() {
        return entries.size();
    }

    /** The entries by name, the first {@value #NAMED}. */
    public List<Entry> named() {
        return entries.entrySet().stream().limit(NAMED).map(e -> new Entry(e.getKey(), e.getValue())).toList();
    }
}
