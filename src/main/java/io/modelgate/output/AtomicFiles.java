package io.modelgate.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a file so that a reader (or a crash) sees the old content or the new one, never half. */
public final class AtomicFiles {
    /** Writes the content of a file to the writer it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Temporary files are created private (rw-------); reports, tickets and error files are for
     * reviewers and operators in other accounts too, so they get rw-r--r-- like any new file.
     */
    private static void readableByOthers(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions keeps its own defaults
        }
    }

    public static void write(Path target, String content) throws IOException {
        write(target, writer -> writer.write(content));
    }

    /** Streams the content into a temporary file beside the target, then moves it into place. */
    public static void write(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a short name of its own: the target's name plus a random part may be over the file system's limit
        Path temporary = Files.createTempFile(parent, ".modelgate-", ".tmp");
        try {
            readableByOthers(temporary);
            try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                content.writeTo(writer);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
