package io.modelgate.cli;

import io.modelgate.app.Pipeline;
import io.modelgate.config.ConfigurationException;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.scan.ScanLeadership;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The daemon: watch the inbox and the decision files, and scan the database on a schedule.",
                "It scans on modelgate.scan.cron, writes a report per run and stops cleanly on SIGTERM. With"
                        + " --once: the inbox's files now, the decision files, and one scan of the artifacts changed"
                        + " since the last scan; one report; exit."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    InboxOption inbox;

    @Mixin
    ReportOptions report;

    @Option(names = "--once", description = "Process the inbox's current files and one scan, then exit.")
    boolean once;

    @Override
    public Integer call() throws Exception {
        var settings = options.settings(inbox, report);
        if (once) {
            return PipelineCommand.runOnce(settings, Pipeline::once);
        }
        // the lock directory and the health port are checked before anything starts
        var leadership = ScanLeadership.clusterService(settings);
        ensurePortFree(settings);
        CleanStop cleanStop = CleanStop.install();
        try (Database database = CatalogOptions.openMigrated(settings);
             Pipeline pipeline = new Pipeline(settings, database)) {
            pipeline.runUntilStopped(leadership);
            cleanStop.stoppedCleanly();
        } finally {
            cleanStop.done();
        }
        return ModelgateCli.OK;
    }

    private static void ensurePortFree(Settings settings) {
        int port = settings.getInt(Settings.HEALTH_PORT);
        if (port <= 0) {
            return;
        }
        String host = settings.get(Settings.HEALTH_HOST);
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ConfigurationException(Settings.HEALTH_PORT + ": port " + port + " on " + host
                    + " cannot be used for health and metrics (" + e.getMessage() + "); choose another, or 0 for none");
        }
    }
}
