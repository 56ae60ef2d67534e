package io.modelgate.cli;

import io.modelgate.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The folder of the review tickets and the reviewers' decision files. */
final class ReviewQueueOption implements SettingOptions {
    @Option(names = "--review-queue", paramLabel = "DIR",
            description = "Review-queue directory (modelgate.review-queue). Default: review-queue.")
    Path reviewQueue;

    @Override
    public void putInto(Map<String, String> flags) {
        flags.put(Settings.REVIEW_QUEUE, SettingOptions.text(reviewQueue));
    }
}
