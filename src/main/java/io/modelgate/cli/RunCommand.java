package io.modelgate.cli;

import io.modelgate.db.Database;
import io.modelgate.pipeline.Pipeline;
import io.modelgate.pipeline.ScanLeadership;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The daemon: watch the inbox, scan the database on modelgate.scan.cron, write a report per run,",
                "stop cleanly on SIGTERM. With --once: the inbox's files now plus one scan of the artifacts",
                "changed since the last scan, one report, exit."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--once", description = "Process the inbox's current files and one scan, then exit.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        var settings = options.settings();
        if (once) {
            return PipelineCommand.runOnce(settings, Pipeline::once);
        }
        // the lock directory is checked before anything starts
        var leadership = ScanLeadership.clusterService(settings);
        CleanStop cleanStop = CleanStop.install();
        try (Database database = PipelineCommand.openMigrated(settings);
             Pipeline pipeline = new Pipeline(settings, database)) {
            pipeline.runUntilStopped(leadership);
            cleanStop.stoppedCleanly();
        } finally {
            cleanStop.done();
        }
        return ModelgateCli.OK;
    }
}
