package io.modelgate.output;

import io.modelgate.model.Channel;
import io.modelgate.model.ClaimedElsewhere;
import io.modelgate.model.RunCounts;
import io.modelgate.model.Reason;
import io.modelgate.model.Text;
import java.io.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The markdown report of a run. Everything before the first "## " heading is the header (run id
 * and times); the rest depends only on the data, so two runs over the same data differ only in
 * the header. What each listed artifact adds to a section is rendered when the artifact is added
 * ({@link #render}); writing the report copies those fragments in id order.
 */
final class MarkdownReport {
    private final RunReport run;

    MarkdownReport(RunReport run) {
        this.run = run;
    }

    void write(Path target) {
        try {
            AtomicFiles.write(target, out -> {
                header(out);
                counts(out);
                artifacts(out);
                held(out);
                normalizations(out);
                failed(out);
                unread(out);
                claimedElsewhere(out);
                unsettled(out);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + target, e);
        }
    }

    private void header(Writer out) throws IOException {
        out.write("# modelgate run report\n\n");
        out.write("- run: " + Markdown.code(run.runId()) + "\n");
        out.write("- mode: " + Markdown.text(run.mode()) + "\n");
        out.write("- started: " + run.startedAt() + "\n");
        out.write("- finished: " + run.finishedAt() + "\n\n");
    }

    private void counts(Writer out) throws IOException {
        out.write("## Counts\n\n");
        out.write("| channel | artifacts |\n|---|---:|\n");
        RunCounts counts = run.counts();
        for (Channel channel : Channel.values()) {
            out.write("| " + channel.label() + " | " + counts.of(channel) + " |\n");
        }
        out.write("| **total** | **" + counts.total() + "** |\n\n");
        out.write(counts.unchanged() + " of them needed no write (unchanged since the last run)");
        if (counts.unchanged() > 0) {
            out.write(": " + Arrays.stream(Channel.values()).filter(c -> run.unchanged(c) > 0)
                    .map(c -> c.label() + " " + run.unchanged(c)).collect(Collectors.joining(", "))
                    + ". They are counted here and not listed below; the summary JSON ("
                    + Markdown.code(run.summaryPath().getFileName().toString()) + ") lists every artifact");
        }
        out.write(".\n\n");
        out.write("Channels: **promote** registered as promoted; **candidate** registered, not yet promoted; "
                + "**review** held for a person (see the review queue); **failed** unreadable input, nothing written.\n\n");
    }

    private void artifacts(Writer out) throws IOException {
        out.write("## Artifacts\n\n");
        RunCounts counts = run.counts();
        if (counts.total() == counts.unchanged()) {
            // no table of no rows
            out.write(counts.total() == 0 ? "None.\n\n"
                    : "None listed: all " + counts.total() + " artifact(s) were unchanged (counted above).\n\n");
            return;
        }
        out.write("| id | title | source | state (old -> new) | channel | change | code pin | reasons |\n");
        out.write("|---|---|---|---|---|---|---|---|\n");
        copy(Section.ARTIFACTS, out);
        out.write("\n");
    }

    private void held(Writer out) throws IOException {
        out.write("## Held for review\n\n");
        if (run.counts().review() == run.unchanged(Channel.REVIEW)) {
            out.write(run.unchanged(Channel.REVIEW) == 0 ? "None.\n\n" : "None held anew; " + run.unchanged(Channel.REVIEW)
                    + " held earlier and unchanged since, their tickets as they were written.\n\n");
            return;
        }
        copy(Section.HELD, out);
    }

    private void normalizations(Writer out) throws IOException {
        out.write("## Normalizations applied\n\n");
        if (run.normalized() == 0) {
            out.write("None.\n\n");
            return;
        }
        copy(Section.NORMALIZATIONS, out);
    }

    private void failed(Writer out) throws IOException {
        out.write("## Failed inputs\n\n");
        if (run.counts().failed() == 0) {
            out.write("None.\n");
            return;
        }
        out.write("| file | id | reason |\n|---|---|---|\n");
        copy(Section.FAILED, out);
    }

    /** Only when there were some: the entries named like documents that are not read, and why. */
    private void unread(Writer out) throws IOException {
        UnreadEntries unread = run.unreadEntries();
        if (unread.count() == 0) {
            return;
        }
        out.write("\n## Left alone (not read)\n\n");
        out.write(unread.count() + " entry(ies) named like documents were not read; they stay where they are.\n\n");
        List<UnreadEntries.Entry> named = unread.named();
        for (UnreadEntries.Entry entry : named) {
            out.write("- " + Markdown.code(entry.name()) + ": " + Markdown.text(entry.reason()) + "\n");
        }
        if (unread.count() > named.size()) {
            out.write("- and " + (unread.count() - named.size()) + " more\n");
        }
    }

    /**
     * Only when another process held some file's claim: which files this run left alone, and
     * whether their holder was known to be alive (then it reads them) or not (a later run does).
     */
    private void claimedElsewhere(Writer out) throws IOException {
        ClaimedFiles claimed = run.claimedFiles();
        if (claimed.count() == 0) {
            return;
        }
        out.write("\n## Claimed by other instances\n\n");
        out.write(claimed.count() + " file(s) were claimed by another process when this run reached them, and left alone.\n\n");
        List<ClaimedElsewhere> named = claimed.named();
        for (ClaimedElsewhere claim : named) {
            out.write("- " + Markdown.code(claim.file()) + ": " + Markdown.text(claim.sentence()) + "\n");
        }
        if (claimed.count() > named.size()) {
            out.write("- and " + (claimed.count() - named.size()) + " more\n");
        }
    }

    /** Only when something could not be settled: what is left for the next run, and why. */
    private void unsettled(Writer out) throws IOException {
        if (run.counts().unsettled() == 0 && run.unsettledSamples().isEmpty()) {
            return;
        }
        out.write("\n## Not settled (left for the next run)\n\n");
        int rows = run.unsettledRows();
        int files = run.counts().unsettled() - rows;
        out.write(run.counts().unsettled() + " input(s) could not be settled because the database could not be reached: "
                + Text.leftForNextRun(files, rows) + ". The run is failed.\n\n");
        for (String sample : run.unsettledSamples()) {
            out.write("- " + Markdown.text(sample) + "\n");
        }
    }

    private void copy(Section section, Writer out) {
        run.forEachFragment(section, fragment -> {
            try {
                out.write(fragment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The parts of the report listed artifact by artifact, each rendered when its artifact is added. */
    enum Section { ARTIFACTS, HELD, NORMALIZATIONS, FAILED }

    /** What a listed artifact adds to each section; empty where it has nothing to say. */
    static String render(Section section, ReportRow row) {
        return switch (section) {
            case ARTIFACTS -> tableRow(row);
            case HELD -> Channel.REVIEW.label().equals(row.channel()) ? heldBlock(row) : "";
            case NORMALIZATIONS -> row.normalizations().isEmpty() || row.id() == null ? "" : normalizationsBlock(row);
            case FAILED -> Channel.FAILED.label().equals(row.channel()) ? failedRow(row) : "";
        };
    }

    /** One row of the artifacts table; every value from input is escaped (see Markdown), so the row keeps its 8 cells. */
    private static String tableRow(ReportRow row) {
        return "| " + (row.id() == null ? "(none: " + Markdown.codeInCell(row.file()) + ")" : Markdown.codeInCell(row.id()))
                + " | " + Markdown.text(row.title())
                + " | " + Markdown.text(row.source())
                + " | " + state(row.oldState()) + " -> " + state(row.newState())
                + " | " + Markdown.text(row.channel())
                + " | " + Markdown.text(row.change())
                + " | " + (row.codePin() == null ? "none" : Markdown.codeInCell(row.codePin()))
                + " | " + Markdown.text(row.reasons().stream().map(Reason::code).collect(Collectors.joining(", ")))
                + " |\n";
    }

    private static String heldBlock(ReportRow row) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(Markdown.code(row.id())).append(" ").append(Markdown.text(row.title())).append("\n\n");
        md.append("- ticket: ").append(Markdown.code(row.ticket() == null ? "(not written)" : row.ticket())).append("\n");
        md.append("- state: ").append(state(row.oldState())).append(" -> ").append(state(row.newState())).append("\n");
        md.append(Markdown.reasons(row.reasons()));
        if (!row.errors().isEmpty()) {
            md.append("\n").append(Markdown.errorTable(row.errors()));
        }
        return md.append("\n").toString();
    }

    private static String normalizationsBlock(ReportRow row) {
        StringBuilder md = new StringBuilder("### " + Markdown.code(row.id()) + "\n\n");
        row.normalizations().forEach(n -> md.append("- ").append(Markdown.code(n)).append("\n"));
        if (Channel.REVIEW.label().equals(row.channel())) {
            md.append("\n(held: not written to artifacts.metadata)\n");
        }
        return md.append("\n").toString();
    }

    private static String failedRow(ReportRow row) {
        return "| " + Markdown.codeInCell(row.file() == null ? "(database)" : row.file()) + " | "
                + (row.id() == null ? "none" : Markdown.codeInCell(row.id())) + " | "
                + Markdown.text(row.reasons().stream().map(r -> r.code() + ": " + r.message())
                .collect(Collectors.joining("; "))) + " |\n";
    }

    private static String state(String value) {
        return value == null ? "none" : Markdown.text(value);
    }
}
