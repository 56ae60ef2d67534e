package io.modelgate.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.app.Pipeline;
import io.modelgate.app.PipelineBeans;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import io.modelgate.review.DecisionOutcome;
import io.modelgate.run.RunResult;
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
        overrides.putAll(testSettings(database, root));
        new Migrations(database.dataSource()).migrate();
    }

    /**
     * The settings of a test: this database, folders under {@code root}, short waits for files to
     * settle and between polls, and one quick retry when the database fails.
     */
    public static Map<String, String> testSettings(TestDatabase database, Path root) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.DB_URL, database.jdbcUrl());
        settings.put(Settings.DB_USER, database.user());
        settings.put(Settings.INBOX, root.resolve("inbox").toString());
        settings.put(Settings.REVIEW_QUEUE, root.resolve("review-queue").toString());
        settings.put(Settings.REPORT, root.resolve("reports/report.md").toString());
        settings.put("modelgate.inbox.settle-millis", "50");
        settings.put("modelgate.inbox.poll-delay", "200");
        settings.put("modelgate.db.retry-delay-millis", "50");
        settings.put("modelgate.db.retries", "1");
        settings.put(Settings.CLAIM_RELEASE_MILLIS, "100");
        return settings;
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

    /** The beans of one pipeline on fresh connections, as {@code modelgate review decide} builds them. */
    public <T> T withBeans(Function<PipelineBeans, T> work) {
        Settings settings = settings();
        try (Database db = Database.open(settings)) {
            return work.apply(new PipelineBeans(settings, db.dataSource()));
        }
    }

    /** A reviewer's decision through the bean the command uses. */
    public DecisionOutcome decide(String id, String verdict, String reviewer, String note, ObjectNode corrections) {
        return withBeans(beans -> beans.reviewerDecisions().apply(
                beans.decisionReader().of(id, verdict, reviewer, note, corrections), null));
    }

    public TestDatabase database() {
        return database;
    }
}
