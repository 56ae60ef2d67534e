package io.modelgate.cli;

import io.modelgate.catalog.VersionListing;
import io.modelgate.catalog.VersionListing.Listed;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.rules.EnvelopeReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelgate versions}: the model versions, by state, family and lineage. */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = {"List the model versions: id, state, family, version, who decided, when and title.",
                "Sorted by model family, then oldest first (by when the row last changed). A lineage is every"
                        + " version connected to ID through parent_version_id or superseded_by, either way."})
public final class VersionsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final List<String> STATES = List.of("promoted", "candidate", "rejected", "superseded");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CatalogOptions options;

    @Option(names = "--state", paramLabel = "STATE", description = "Only those in this promotion_state: promoted,"
            + " candidate, rejected or superseded.")
    String state;

    @Option(names = "--family", paramLabel = "TEXT", description = "Only those whose model_family contains this text.")
    String family;

    @Option(names = "--lineage", paramLabel = "ID", description = "Only the versions of the lineage of this artifact.")
    String lineage;

    @Override
    public Integer call() {
        if (state != null && !STATES.contains(state)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--state must be promoted, candidate, rejected"
                    + " or superseded, not \"" + state + "\"");
        }
        if (lineage != null && !EnvelopeReader.ID_PATTERN.matcher(lineage).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lineage must name an artifact id, not \""
                    + lineage + "\"");
        }
        Settings settings = options.settings();
        try (Database database = CatalogOptions.openMigrated(settings)) {
            List<Listed> versions = new VersionListing(database.dataSource())
                    .versions(new VersionListing.Filter(state, family, lineage));
            if (versions.isEmpty()) {
                System.out.println("no model versions" + filters());
                return ModelgateCli.OK;
            }
            System.out.println(versions.size() + " model version(s)" + filters() + " (" + countsByState(versions)
                    + "), by family, oldest first:");
            TerminalTable table = new TerminalTable().wholeColumn("id").column("state", 10).column("family", 16)
                    .column("version", 10).column("decided by", 20).column("updated", 10).column("title", 0);
            for (Listed version : versions) {
                table.row(version.id(), version.state(), version.family(), version.version(), version.decidedBy(),
                        WHEN.format(version.updated()), version.title());
            }
            table.lines().forEach(System.out::println);
            return ModelgateCli.OK;
        }
    }

    private String filters() {
        return (state == null ? "" : " " + state) + (family == null ? "" : " in family \"" + family + "\"")
                + (lineage == null ? "" : " in the lineage of " + lineage);
    }

    private static String countsByState(List<Listed> versions) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, versions.stream().filter(v -> v.state().equals(s)).count()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
