package io.modelgate.cli;

import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import io.modelgate.pipeline.Pipeline;
import io.modelgate.pipeline.RunResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** What the commands that run the pipeline share: the database, migrated, and how a run is told. */
final class PipelineCommand {
    private PipelineCommand() {
    }

    static Database openMigrated(Settings settings) {
        Database database = Database.open(settings);
        try {
            new Migrations(database.dataSource()).migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * One run on the migrated database (a backfill, or run --once): prints it and returns the exit
     * code. Camel starts while the migrations run: starting it touches no table, and each takes a
     * good part of a second that a short run would otherwise wait for twice.
     */
    static int runOnce(Settings settings, Function<Pipeline, RunResult> run) {
        try (Database database = Database.open(settings); Pipeline pipeline = new Pipeline(settings, database)) {
            CompletableFuture<Void> started = CompletableFuture.runAsync(pipeline::start);
            try {
                new Migrations(database.dataSource()).migrate();
            } finally {
                awaitStart(started);
            }
            RunResult result = run.apply(pipeline);
            print(result);
            return exitCode(result);
        }
    }

    private static void awaitStart(CompletableFuture<Void> started) {
        try {
            started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static void print(RunResult result) {
        System.out.println("run " + result.runId() + " (" + result.mode() + "): " + result.countsLine());
        if (result.count("unsettled") > 0) {
            System.out.println(result.count("unsettled") + " input(s) could not be written (database unavailable);"
                    + " they are left for the next run");
        }
        System.out.println("report: " + result.report());
        System.out.println("summary: " + result.summary());
    }

    /**
     * 3 when the run did not succeed (inputs left unsettled because the database could not be
     * reached, the run stopped because the database failed, or its end could not be recorded);
     * 1 when some input ended in failed; else 0 (held items are not failures).
     */
    static int exitCode(RunResult result) {
        if (!result.succeeded()) {
            return ModelgateCli.DATABASE_UNREACHABLE;
        }
        return result.count("failed") > 0 ? ModelgateCli.INPUT_FAILED : ModelgateCli.OK;
    }
}
