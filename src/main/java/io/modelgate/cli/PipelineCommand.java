package io.modelgate.cli;

import io.modelgate.app.Pipeline;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.PendingDataSource;
import io.modelgate.model.ClaimedElsewhere;
import io.modelgate.model.Text;
import io.modelgate.output.ClaimedFiles;
import io.modelgate.output.DecisionRow;
import io.modelgate.output.UnreadEntries;
import io.modelgate.run.RunResult;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the commands that run the pipeline share: the database, migrated, and how a run is told. */
final class PipelineCommand {
    /** How many files left to another instance the run's line names; the report names up to 100. */
    private static final int NAMED_ON_SCREEN = 10;
    /** The width of a terminal's line: a line cut to it ends in "...". */
    private static final int COLUMNS = 100;

    private PipelineCommand() {
    }

    /**
     * One run on the migrated database (a backfill, or run --once): prints it and returns the exit
     * code. Camel starts while the database is opened and migrated: starting it touches no table,
     * and each takes a good part of a second that a short run would otherwise wait for twice. The
     * pipeline gets its connections once the database is open; what asks for one earlier waits.
     */
    static int runOnce(Settings settings, Function<Pipeline, RunResult> run) {
        PendingDataSource connections = new PendingDataSource();
        CompletableFuture<Pipeline> starting = CompletableFuture.supplyAsync(() -> {
            Pipeline pipeline = new Pipeline(settings, connections);
            try {
                pipeline.start();
            } catch (RuntimeException e) {
                pipeline.close();
                throw e;
            }
            return pipeline;
        });
        Database database;
        try {
            database = CatalogOptions.openMigrated(settings);
        } catch (RuntimeException e) {
            // the database's error is the one to tell; the pipeline only has to stop
            connections.failed();
            starting.handle((pipeline, startFailed) -> {
                if (pipeline != null) {
                    pipeline.close();
                }
                return null;
            }).join();
            throw e;
        }
        try (database) {
            connections.open(database.dataSource());
            try (Pipeline pipeline = awaitStart(starting)) {
                RunResult result = run.apply(pipeline);
                print(result);
                return exitCode(result);
            }
        }
    }

    private static Pipeline awaitStart(CompletableFuture<Pipeline> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static void print(RunResult result) {
        System.out.println("run " + result.runId() + " (" + result.mode() + "): " + result.countsLine());
        if (result.counts().decided() > 0) {
            System.out.println("decided: " + result.counts().decided() + " (" + result.counts().decidedByStateText()
                    + "): final rows whose input is unchanged, nothing held for a person");
        }
        printDecisions(result.decisions());
        int unsettled = result.count("unsettled");
        if (unsettled > 0) {
            System.out.println(unsettled + " input(s) not settled (the database could not be reached), left for the next run: "
                    + Text.leftForNextRun(unsettled - result.rowsLeft(), result.rowsLeft()));
        }
        printUnread(result.unread());
        printClaimed(result.claimed());
        System.out.println("report: " + result.report());
        System.out.println("summary: " + result.summary());
    }

    /**
     * The decision files the run read: how many were applied and refused, then one line each, the
     * refused first (they need the reviewer again); past {@value #NAMED_ON_SCREEN}, the report has them.
     */
    private static void printDecisions(List<DecisionRow> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        long applied = decisions.stream().filter(DecisionRow::applied).count();
        System.out.println("decisions: " + applied + " applied, " + (decisions.size() - applied) + " refused");
        decisions.stream().sorted(Comparator.comparing(DecisionRow::applied)).limit(NAMED_ON_SCREEN)
                .forEach(d -> System.out.println(fitted("  " + d.outcome() + " " + (d.id() == null ? d.file() : d.id())
                        + ": " + (d.applied() ? d.decision() + " by " + d.reviewer() + ", " : "") + Text.visible(d.reason()))));
        if (decisions.size() > NAMED_ON_SCREEN) {
            System.out.println("  and " + (decisions.size() - NAMED_ON_SCREEN) + " more, each in the report");
        }
    }

    /** A line cut to the terminal's width, never between the halves of a character. */
    private static String fitted(String line) {
        if (line.length() <= COLUMNS) {
            return line;
        }
        int end = COLUMNS - 3;
        return line.substring(0, Character.isHighSurrogate(line.charAt(end - 1)) ? end - 1 : end) + "...";
    }

    /** The entries named like documents that were not read, each with the reason (the report names more). */
    private static void printUnread(UnreadEntries unread) {
        if (unread.count() == 0) {
            return;
        }
        System.out.println(unread.count() + " entry(ies) left alone, not read: " + unread.named().stream()
                .limit(NAMED_ON_SCREEN).map(UnreadEntries.Entry::toString).collect(Collectors.joining("; "))
                + (unread.count() > NAMED_ON_SCREEN ? "; and " + (unread.count() - NAMED_ON_SCREEN) + " more" : ""));
    }

    /**
     * The files left alone because another process held their claims, by name: those whose holder
     * could not be told alive first (nobody may be reading them), then the first few left to live
     * instances (the report names more).
     */
    private static void printClaimed(ClaimedFiles claimed) {
        for (ClaimedElsewhere claim : claimed.toUnconfirmedHolders()) {
            System.out.println("file " + claim.file() + ": " + claim.sentence());
        }
        List<ClaimedElsewhere> toLive = claimed.toLiveHolders();
        int live = claimed.count() - claimed.unconfirmed();
        if (live > 0) {
            System.out.println(live + " file(s) claimed by another instance, left for it: "
                    + toLive.stream().limit(NAMED_ON_SCREEN).map(ClaimedElsewhere::file).collect(Collectors.joining(", "))
                    + (live > NAMED_ON_SCREEN ? " and " + (live - NAMED_ON_SCREEN) + " more" : ""));
        }
    }

    /**
     * 3 when the run did not succeed (inputs left unsettled because the database could not be
     * reached, the run stopped because the database failed, or its end could not be recorded);
     * 4 when it left a file under a claim whose holder could not be told alive (nobody may be
     * reading it); 1 when some input ended in failed; else 0 (held items are not failures, and
     * neither are files left to another instance known to be alive).
     */
    static int exitCode(RunResult result) {
        if (!result.succeeded()) {
            return ModelgateCli.DATABASE_UNREACHABLE;
        }
        if (result.claimed().unconfirmed() > 0) {
            return ModelgateCli.CLAIM_HOLDER_UNKNOWN;
        }
        return result.count("failed") > 0 ? ModelgateCli.INPUT_FAILED : ModelgateCli.OK;
    }
}
