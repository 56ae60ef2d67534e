package io.modelgate.app;

import io.modelgate.config.Settings;
import io.modelgate.rules.InputLimits;
import io.modelgate.rules.RuleSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings the pipeline's beans are built from, read and typed once from {@link Settings}
 * (each key and its default is in application.properties), grouped by what they set.
 */
public record PipelineSettings(Folders folders, Database database, Inbox inbox, Scan scan, RuleSettings rules) {
    /** Where files are read and written; {@code summaryJson} is null unless set. */
    public record Folders(Path inbox, Path reviewQueue, String report, Path summaryJson) {
    }

    /** Waiting for a database that went away. */
    public record Database(Duration away, int retries, int retryDelayMillis) {
    }

    /** The inbox's batches and claims (the decision files' claims too). */
    public record Inbox(int batchSize, int claimExpiryMillis, int claimRefreshMillis, int claimReleaseMillis) {
    }

    /** The scan's pages, batches, workers and the overlap of incremental scans. */
    public record Scan(int fetchSize, int batchSize, int workers, Duration overlap) {
    }

    public static PipelineSettings from(Settings settings) {
        return new PipelineSettings(
                new Folders(settings.getPath(Settings.INBOX), settings.getPath(Settings.REVIEW_QUEUE),
                        settings.get(Settings.REPORT),
                        settings.isSet(Settings.SUMMARY_JSON) ? settings.getPath(Settings.SUMMARY_JSON) : null),
                new Database(Duration.ofSeconds(settings.getInt(Settings.DB_AWAY_SECONDS)),
                        settings.getInt(Settings.DB_RETRIES), settings.getInt(Settings.DB_RETRY_DELAY_MILLIS)),
                new Inbox(settings.getInt(Settings.INBOX_BATCH_SIZE), settings.getInt(Settings.CLAIM_EXPIRY_MILLIS),
                        settings.getInt(Settings.CLAIM_REFRESH_MILLIS), settings.getInt(Settings.CLAIM_RELEASE_MILLIS)),
                new Scan(settings.getInt(Settings.SCAN_FETCH_SIZE), settings.getInt(Settings.SCAN_BATCH_SIZE),
                        settings.getInt(Settings.SCAN_WORKERS),
                        Duration.ofSeconds(settings.getInt(Settings.SCAN_OVERLAP_SECONDS))),
                rules(settings));
    }

    /** The rules' settings alone, for the commands that run the rules without the pipeline ({@code validate}). */
    public static RuleSettings rules(Settings settings) {
        return new RuleSettings(new InputLimits(settings.getInt(Settings.MAX_BYTES), settings.getInt(Settings.MAX_DEPTH),
                settings.getInt(Settings.MAX_STRING_LENGTH)), settings.getList(Settings.EVAL_GATE_FAMILIES));
    }
}
