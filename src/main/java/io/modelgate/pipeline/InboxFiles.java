package io.modelgate.pipeline;

import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import io.modelgate.output.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where an inbox file goes once its artifact is settled: {@code .done/} whatever the channel, or
 * {@code .failed/} with {@code <name>.error.txt} beside it for input that could not be read. The
 * file consumer does the move itself when the exchange completes, so a file is in exactly one place.
 */
public final class InboxFiles {
    public static final String DONE = ".done";
    public static final String FAILED = ".failed";

    private final Path inbox;

    public InboxFiles(Path inbox) {
        this.inbox = inbox;
    }

    /** Returns the folder (relative to the inbox) the file moves to, writing its error file first if it failed. */
    public String destination(String fileName, Assessment assessment) {
        if (assessment.channel() != Channel.FAILED) {
            return DONE;
        }
        StringBuilder text = new StringBuilder();
        for (Reason reason : assessment.reasons()) {
            text.append(fileName).append(": ").append(reason.code()).append(": ").append(reason.message()).append('\n');
        }
        for (FieldError error : assessment.errors()) {
            text.append(fileName).append(": field ").append(error.path().isEmpty() ? "/" : error.path()).append('\n');
        }
        try {
            AtomicFiles.write(inbox.resolve(FAILED).resolve(fileName + ".error.txt"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the error file of " + fileName, e);
        }
        return FAILED;
    }
}
