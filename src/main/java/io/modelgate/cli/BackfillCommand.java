package io.modelgate.cli;

import io.modelgate.app.Pipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "One pass over every model artifact in the database; one report; exit.")
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        return PipelineCommand.runOnce(options.settings(report), Pipeline::backfill);
    }
}
