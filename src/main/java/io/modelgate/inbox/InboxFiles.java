package io.modelgate.inbox;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Json;
import io.modelgate.model.Reason;
import io.modelgate.output.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a dropped file (an inbox file, a reviewer's decision file) goes once it is settled:
 * {@code .done/}, whatever the channel, or {@code .failed/} with {@code <name>.error.txt} beside
 * it for input that could not be read or applied. The
 * file consumer does the move itself when the exchange completes, so a file is in exactly one place.
 * A file dropped again under the same name does not replace the earlier one there: that one is
 * kept as {@code <name>.<time>}. Names too long to take a suffix within the file system's limit
 * are cut short with a hash ({@link #fitted}).
 */
public final class InboxFiles {
    public static final String DONE = ".done";
    public static final String FAILED = ".failed";

    private static final String ERROR_SUFFIX = ".error.txt";
    /** The longest file name most file systems take, in bytes. */
    private static final int NAME_LIMIT = 255;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private final Path inbox;

    public InboxFiles(Path inbox) {
        this.inbox = inbox;
    }

    /**
     * Returns the folder (relative to the inbox) the file moves to, writing its error file first
     * if it failed. The folder is created here: the file consumer's own mkdir fails when another
     * instance creates the same folder at that moment, and the file would stay in the inbox.
     */
    public String destination(String fileName, Assessment assessment) {
        List<String> problems = new ArrayList<>();
        if (assessment.channel() == Channel.FAILED) {
            for (Reason reason : assessment.reasons()) {
                problems.add(fileName + ": " + reason.code() + ": " + reason.message());
            }
            for (FieldError error : assessment.errors()) {
                problems.add(fileName + ": field " + error.shownPath());
            }
        }
        return settle(fileName, problems);
    }

    /**
     * The folder (relative to this one) a settled file moves to: {@code .done/} without problems,
     * else {@code .failed/}, with the problems, a line each, written to {@code <name>.error.txt} first.
     */
    public String settle(String fileName, List<String> problems) {
        String folder = problems.isEmpty() ? DONE : FAILED;
        try {
            Files.createDirectories(inbox.resolve(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + inbox.resolve(folder), e);
        }
        keepEarlier(folder, fileName);
        if (folder.equals(DONE)) {
            return DONE;
        }
        String errorFile = fitted(fileName, ERROR_SUFFIX);
        keepEarlier(FAILED, errorFile);
        try {
            AtomicFiles.write(inbox.resolve(FAILED).resolve(errorFile), String.join("\n", problems) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the error file of " + fileName, e);
        }
        return FAILED;
    }

    /**
     * A file dropped again under a name already in {@code folder}: the earlier one is renamed
     * to {@code <name>.<time>} so the move of the new one loses nothing.
     */
    private void keepEarlier(String folder, String name) {
        Path earlier = inbox.resolve(folder).resolve(name);
        if (!Files.exists(earlier)) {
            return;
        }
        String stamp = STAMP.format(Instant.now().atOffset(ZoneOffset.UTC));
        try {
            Files.move(earlier, earlier.resolveSibling(fitted(name, "." + stamp)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the earlier " + earlier + " aside", e);
        }
    }

    /**
     * {@code name + suffix}, or where that is over the file system's limit on a name (a dropped
     * file's name may use it all), the name cut short with a hash of the whole of it, so two long
     * names that start alike still get files of their own: {@code <first bytes>-<hash><suffix>}.
     * The error file's first line names the file in full.
     */
    static String fitted(String name, String suffix) {
        String whole = name + suffix;
        if (whole.getBytes(StandardCharsets.UTF_8).length <= NAME_LIMIT) {
            return whole;
        }
        String hash = Json.sha256(name).substring(0, 12);
        int room = NAME_LIMIT - suffix.getBytes(StandardCharsets.UTF_8).length - hash.length() - 1;
        StringBuilder start = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > room) {
                break;
            }
            start.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return start + "-" + hash + suffix;
    }
}
