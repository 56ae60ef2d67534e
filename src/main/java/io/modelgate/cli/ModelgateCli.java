package io.modelgate.cli;

import io.modelgate.config.ConfigurationException;
import io.modelgate.db.DatabaseUnavailableException;
import io.modelgate.rules.RulesFingerprint;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar modelgate.jar COMMAND}: the entry point. */
@Command(name = "modelgate", mixinStandardHelpOptions = true, versionProvider = ModelgateCli.Version.class,
        description = "Model-artifact registry pipeline: normalizes, validates and promotes model versions.",
        subcommands = {DemoCommand.class, MigrateCommand.class, BackfillCommand.class, RunCommand.class,
                ValidateCommand.class, StatusCommand.class, VersionsCommand.class, ReviewCommand.class, HistoryCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 done (held items are not failures); 1 some input failed; "
                + "2 usage or configuration error; 3 the database could not be reached; "
                + "4 a file was left under a claim whose holder could not be told alive."})
public final class ModelgateCli implements Runnable {
    public static final int OK = 0;
    public static final int INPUT_FAILED = 1;
    public static final int USAGE = 2;
    public static final int DATABASE_UNREACHABLE = 3;
    /** A file was left alone under another process's claim, and that process could not be told alive. */
    public static final int CLAIM_HOLDER_UNKNOWN = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        // logging is set up here, before a run's threads (Camel starting beside the database)
        // log at once: else SLF4J holds their lines back and says so on stderr
        org.slf4j.LoggerFactory.getILoggerFactory();
        CommandLine commandLine = new CommandLine(new ModelgateCli());
        UnusedSharedOptions.acceptEverywhere(commandLine);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ConfigurationException) {
                cmd.getErr().println("modelgate: configuration error: " + exception.getMessage());
                return USAGE;
            }
            if (exception instanceof DatabaseUnavailableException) {
                cmd.getErr().println("modelgate: database unavailable: " + exception.getMessage());
                return DATABASE_UNREACHABLE;
            }
            Throwable databaseError = io.modelgate.db.DatabaseErrors.cause(exception);
            if (databaseError != null) {
                cmd.getErr().println("modelgate: the database failed during the run: " + databaseError.getMessage()
                        + " (rerun when it is back; nothing is lost)");
                return DATABASE_UNREACHABLE;
            }
            throw exception;
        });
        commandLine.setParameterExceptionHandler(ModelgateCli::usageError);
        return commandLine.execute(args);
    }

    /**
     * A usage error in one sentence and where the help is, instead of the whole help after it; a
     * command that was given no subcommand shows its help, which lists them.
     */
    private static int usageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine command = exception.getCommandLine();
        String message = exception.getMessage().replaceFirst("^Error: ", "");
        command.getErr().println("modelgate: " + message);
        // the help's name on a line of its own, so that the message keeps a terminal's width to itself
        command.getErr().println("  see " + command.getCommandSpec().qualifiedName() + " --help");
        if (!command.getSubcommands().isEmpty()) {
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, command.getErr());
            command.usage(command.getErr());
        }
        return USAGE;
    }

    /** {@code --version}: the version the build recorded, and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"modelgate " + RulesFingerprint.version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
