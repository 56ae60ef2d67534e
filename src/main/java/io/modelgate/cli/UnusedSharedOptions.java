package io.modelgate.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared options are accepted by every command, as the command-line contract promises, so
 * that a script may pass the same set to each; a command's help lists only those it uses, and
 * the others are taken without effect: an inbox means nothing to {@code backfill}, a database
 * nothing to {@code validate}.
 */
final class UnusedSharedOptions {
    /** The options the contract names for every command, with the value each takes. */
    private static final List<String[]> SHARED = List.of(
            new String[] {"--db-url", "URL"}, new String[] {"--db-user", "USER"},
            new String[] {"--db-password", "PASSWORD"}, new String[] {"--data-dir", "DIR"},
            new String[] {"--inbox", "DIR"}, new String[] {"--review-queue", "DIR"},
            new String[] {"--report", "FILE"}, new String[] {"--summary-json", "FILE"},
            new String[] {"--config", "FILE"});

    private UnusedSharedOptions() {
    }

    /** Adds to each command, down the tree, the shared options it does not use, hidden from its help. */
    static void acceptEverywhere(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.userObject() instanceof AutoComplete.GenerateCompletion) {
            return;
        }
        if (command.getSubcommands().isEmpty()) {
            for (String[] option : SHARED) {
                if (spec.findOption(option[0]) == null) {
                    spec.addOption(OptionSpec.builder(option[0]).paramLabel(option[1]).type(String.class)
                            .arity("1").hidden(true).build());
                }
            }
        }
        command.getSubcommands().values().forEach(UnusedSharedOptions::acceptEverywhere);
    }
}
