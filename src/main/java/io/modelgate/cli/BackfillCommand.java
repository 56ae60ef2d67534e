package io.modelgate.cli;

import io.modelgate.db.Database;
import io.modelgate.pipeline.Pipeline;
import io.modelgate.pipeline.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "One pass over every model artifact in the database; one report; exit.")
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Override
    public Integer call() {
        var settings = options.settings();
        try (Database database = PipelineCommand.openMigrated(settings);
             Pipeline pipeline = new Pipeline(settings, database)) {
            RunResult result = pipeline.backfill();
            PipelineCommand.print(result);
            return PipelineCommand.exitCode(result);
        }
    }
}
