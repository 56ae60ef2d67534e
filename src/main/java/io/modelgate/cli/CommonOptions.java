package io.modelgate.cli;

import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command takes; each is also a property and an environment variable. */
public final class CommonOptions {
    @Option(names = "--db-url", paramLabel = "URL",
            description = "JDBC URL of an external PostgreSQL (modelgate.db.url, MODELGATE_DB_URL). "
                    + "Default: none, the embedded PostgreSQL.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (modelgate.db.user, MODELGATE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password (modelgate.db.password, MODELGATE_DB_PASSWORD). Never logged.")
    String dbPassword;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the embedded PostgreSQL (modelgate.data-dir). Default: .modelgate/pgdata.")
    Path dataDir;

    @Option(names = "--inbox", paramLabel = "DIR", description = "Inbox directory (modelgate.inbox). Default: inbox.")
    Path inbox;

    @Option(names = "--review-queue", paramLabel = "DIR",
            description = "Review-queue directory (modelgate.review-queue). Default: review-queue.")
    Path reviewQueue;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Markdown report of the run (modelgate.report). Default: reports/<run id>.md.")
    Path report;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Extra copy of the run's summary JSON (modelgate.summary-json); "
                    + "one is always written beside the report as <report>.json.")
    Path summaryJson;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "plain (default) or json: one JSON object per log line (modelgate.log.format, MODELGATE_LOG_FORMAT).")
    String logFormat;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file overriding the defaults of application.properties.")
    Path config;

    /** Resolves the settings: defaults, then --config, then environment, then these flags. */
    public Settings settings() {
        Map<String, String> flags = new HashMap<>();
        flags.put(Settings.DB_URL, dbUrl);
        flags.put(Settings.DB_USER, dbUser);
        flags.put(Settings.DB_PASSWORD, dbPassword);
        flags.put(Settings.DATA_DIR, text(dataDir));
        flags.put(Settings.INBOX, text(inbox));
        flags.put(Settings.REVIEW_QUEUE, text(reviewQueue));
        flags.put(Settings.REPORT, text(report));
        flags.put(Settings.SUMMARY_JSON, text(summaryJson));
        flags.put(Settings.LOG_FORMAT, logFormat);
        Settings settings = Settings.resolve(config, System.getenv(), flags);
        // the log format takes effect as soon as the settings are known, before any work is done
        LogConfiguration.useFormat(settings.get(Settings.LOG_FORMAT));
        return settings;
    }

    /** The database of these settings, its migrations applied, as every command that uses it starts. */
    static Database openMigrated(Settings settings) {
        Database database = Database.open(settings);
        try {
            new Migrations(database.dataSource()).migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
