package io.modelgate.support;

import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import io.modelgate.pipeline.Pipeline;
import io.modelgate.pipeline.RunResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The real routes and beans against a real PostgreSQL, with the inbox, review queue and reports
 * in a test's own folders. Each run gets a fresh pipeline, as each command invocation does.
 */
public final class PipelineHarness {
    private final TestDatabase database;
    private final Path root;
    private final Map<String, String> overrides = new HashMap<>();

    public PipelineHarness(TestDatabase database, Path root) {
        this.database = database;
        this.root = root;
        overrides.put(Settings.DB_URL, database.jdbcUrl());
        overrides.put(Settings.DB_USER, database.user());
        overrides.put(Settings.INBOX, root.resolve("inbox").toString());
        overrides.put(Settings.REVIEW_QUEUE, root.resolve("review-queue").toString());
        overrides.put(Settings.REPORT, root.resolve("reports/report.md").toString());
        overrides.put("modelgate.inbox.settle-millis", "50");
        overrides.put("modelgate.inbox.poll-delay", "200");
        overrides.put("modelgate.db.retry-delay-millis", "50");
        overrides.put("modelgate.db.retries", "1");
        overrides.put(Settings.CLAIM_RELEASE_MILLIS, "100");
        new Migrations(database.dataSource()).migrate();
    }

    public PipelineHarness set(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    public Settings settings() {
        return Settings.defaultsWith(overrides);
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public Path reviewQueue() {
        return root.resolve("review-queue");
    }

    public Path report() {
        return root.resolve("reports/report.md");
    }

    public RunResult backfill() {
        return run(Pipeline::backfill);
    }

    public RunResult once() {
        return run(Pipeline::once);
    }

    public <T> T run(Function<Pipeline, T> work) {
        Settings settings = settings();
        try (Database db = Database.open(settings); Pipeline pipeline = new Pipeline(settings, db)) {
            return work.apply(pipeline);
        }
    }

    public TestDatabase database() {
        return database;
    }
}
