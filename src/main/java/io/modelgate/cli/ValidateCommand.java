package io.modelgate.cli;

import io.modelgate.app.PipelineSettings;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import io.modelgate.rules.ArtifactAssessor;
import io.modelgate.rules.ArtifactDirectory;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.RuleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check model-artifact JSON files without a database.",
                "It prints each file's channel-to-be, its reasons and its errors; exit 1 if any file would not be"
                        + " registered (failed or held). References to other artifacts (base_model_id) need the"
                        + " database and are not checked here."})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Model-artifact JSON files.")
    List<Path> files;

    @Override
    public Integer call() {
        RuleSettings settings = PipelineSettings.rules(options.settings());
        EnvelopeReader reader = new EnvelopeReader(settings.limits());
        ArtifactAssessor assessor = ArtifactAssessor.create(settings, ArtifactDirectory.OFFLINE);
        boolean allRegistrable = true;
        for (Path file : files) {
            Assessment assessment = assess(reader, assessor, file);
            Channel channel = assessment.channel();
            allRegistrable &= channel == Channel.PROMOTE || channel == Channel.CANDIDATE;
            System.out.println(file + ": " + channel.label() + (assessment.id() == null ? "" : " (" + assessment.id() + ")"));
            for (Reason reason : assessment.reasons()) {
                System.out.println("  " + reason.code() + ": " + reason.message());
            }
            for (FieldError error : assessment.errors()) {
                System.out.println("  " + error);
            }
        }
        return allRegistrable ? ModelgateCli.OK : ModelgateCli.INPUT_FAILED;
    }

    private static Assessment assess(EnvelopeReader reader, ArtifactAssessor assessor, Path file) {
        Assessment read;
        try {
            // never more than the size limit, as in the inbox
            read = reader.fromFile(file.toString(), Files.newInputStream(file));
        } catch (IOException e) {
            return new Assessment(Assessment.SOURCE_INBOX, file.toString())
                    .fail("E-PARSE", null, "the file cannot be read: " + e.getMessage());
        }
        return assessor.assess(read);
    }
}
