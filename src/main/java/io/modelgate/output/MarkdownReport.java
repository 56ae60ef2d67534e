package io.modelgate.output;

import io.modelgate.model.Channel;
import io.modelgate.model.ClaimedElsewhere;
import io.modelgate.model.LeftAsDecided;
import io.modelgate.model.Reason;
import io.modelgate.model.ReviewQueueLayout;
import io.modelgate.model.RunCounts;
import io.modelgate.model.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The markdown report of a run. Everything before the first "## " heading is the header (run id
 * and times); the rest depends only on the data, so two runs over the same data differ only in
 * the header. What each listed artifact adds to a section is rendered when the artifact is added
 * ({@link #render}); writing the report copies those fragments in id order. Only the counts are
 * always there: a section with nothing to list is left out, so that what is there is read.
 */
final class MarkdownReport {
    private final RunReport run;

    MarkdownReport(RunReport run) {
        this.run = run;
    }

    void write(Path target) {
        try {
            AtomicFiles.write(target, file -> {
                // each section ends with a blank line; the file ends with one line end
                LastLineEnd out = new LastLineEnd(file);
                header(out);
                counts(out);
                decisions(out);
                artifacts(out);
                held(out);
                normalizations(out);
                failed(out);
                unread(out);
                claimedElsewhere(out);
                unsettled(out);
                out.end();
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
        if (counts.decided() > 0) {
            out.write("| " + LeftAsDecided.LABEL + " | " + counts.decided() + " |\n");
        }
        out.write("| **total** | **" + counts.total() + "** |\n\n");
        out.write(counts.unchanged() + " of them needed no write (unchanged since the last run)");
        if (counts.unchanged() > 0) {
            out.write(": " + Arrays.stream(Channel.values()).filter(c -> run.unchanged(c) > 0)
                    .map(c -> c.label() + " " + run.unchanged(c)).collect(Collectors.joining(", ")));
        }
        out.write(".");
        if (counts.decided() > 0) {
            out.write(" The " + counts.decided() + " " + LeftAsDecided.LABEL + " (" + counts.decidedByStateText()
                    + ") needed none either: each row is final and its input as before, so nothing waits for a person.");
        }
        if (counts.unchanged() + counts.decided() > 0) {
            out.write(" They are counted here and not listed below; the summary JSON ("
                    + Markdown.code(run.summaryPath().getFileName().toString()) + ") lists every artifact.");
        }
        out.write("\n\n");
        out.write("Channels: **promote** registered as promoted; **candidate** registered, not yet promoted; "
                + "**review** held for a person (see the review queue); **failed** unreadable input, nothing written");
        if (counts.decided() > 0) {
            out.write("; **" + LeftAsDecided.LABEL + "** in no channel: rejected or superseded, left as it was");
        }
        out.write(".\n\n");
    }

    /** Only when the run read decision files: each one, applied or refused, and why. */
    private void decisions(Writer out) throws IOException {
        List<DecisionRow> decisions = run.decisions();
        if (decisions.isEmpty()) {
            return;
        }
        long applied = decisions.stream().filter(DecisionRow::applied).count();
        long refused = decisions.size() - applied;
        out.write("## Decisions\n\n");
        out.write(decisions.size() + " decision file(s) read: " + applied + " applied, " + refused + " refused"
                + (refused == 0 ? "" : " (nothing written; each refused file is in " + ReviewQueueLayout.DECISIONS
                + "/.failed/ with the reason"
                + " beside it)") + ".\n\n");
        out.write("| id | decision | reviewer | outcome | reason |\n|---|---|---|---|---|\n");
        for (DecisionRow decision : decisions) {
            out.write("| " + (decision.id() == null ? "(none: " + Markdown.codeInCell(decision.file()) + ")"
                    : Markdown.codeInCell(decision.id()))
                    + " | " + (decision.decision() == null ? "none" : Markdown.text(decision.decision()))
                    + " | " + (decision.reviewer() == null ? "none" : Markdown.text(decision.reviewer()))
                    + " | " + decision.outcome()
                    + " | " + (decision.applied() ? state(decision.fromState()) + " -> " + state(decision.toState())
                    + (decision.note() == null ? "" : "; " + Markdown.text(decision.note()))
                    : Markdown.text(decision.refusal())) + " |\n");
        }
        out.write("\n");
    }

    /** Only when some artifact changed, was held anew or failed: the others are counted, not listed. */
    private void artifacts(Writer out) throws IOException {
        RunCounts counts = run.counts();
        if (counts.total() == counts.unchanged() + counts.decided()) {
            return;
        }
        out.write("## Artifacts\n\n");
        out.write("| id | title | source | state (old -> new) | channel | change | code pin | reasons |\n");
        out.write("|---|---|---|---|---|---|---|---|\n");
        copy(Section.ARTIFACTS, out);
        out.write("\n");
    }

    /** Only when some artifact waits for a person: those held anew, each in full, and how many wait from earlier. */
    private void held(Writer out) throws IOException {
        int earlier = run.unchanged(Channel.REVIEW);
        if (run.counts().review() == 0) {
            return;
        }
        out.write("## Held for review\n\n");
        if (run.counts().review() == earlier) {
            out.write("None held anew; " + earlier + " held earlier and unchanged since, their tickets open as they"
                    + " were written.\n\n");
            return;
        }
        copy(Section.HELD, out);
        if (earlier > 0) {
            out.write(earlier + " more held earlier and unchanged since, their tickets open as they were written.\n\n");
        }
    }

    /** Only when some artifact listed had its metadata normalized. */
    private void normalizations(Writer out) throws IOException {
        if (run.normalized() == 0) {
            return;
        }
        out.write("## Normalizations applied\n\n");
        copy(Section.NORMALIZATIONS, out);
    }

    /** Only when some input failed. */
    private void failed(Writer out) throws IOException {
        if (run.counts().failed() == 0) {
            return;
        }
        out.write("## Failed inputs\n\n");
        out.write("| file | id | reason |\n|---|---|---|\n");
        copy(Section.FAILED, out);
        out.write("\n");
    }

    /** Only when there were some: the entries named like documents that are not read, and why. */
    private void unread(Writer out) throws IOException {
        UnreadEntries unread = run.unreadEntries();
        if (unread.count() == 0) {
            return;
        }
        out.write("## Left alone (not read)\n\n");
        out.write(unread.count() + " entry(ies) named like documents were not read; they stay where they are.\n\n");
        List<UnreadEntries.Entry> named = unread.named();
        for (UnreadEntries.Entry entry : named) {
            out.write("- " + Markdown.code(entry.name()) + ": " + Markdown.text(entry.reason()) + "\n");
        }
        if (unread.count() > named.size()) {
            out.write("- and " + (unread.count() - named.size()) + " more\n");
        }
        out.write("\n");
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
        out.write("## Claimed by other instances\n\n");
        out.write(claimed.count() + " file(s) were claimed by another process when this run reached them, and left alone.\n\n");
        List<ClaimedElsewhere> named = claimed.named();
        for (ClaimedElsewhere claim : named) {
            out.write("- " + Markdown.code(claim.file()) + ": " + Markdown.text(claim.sentence()) + "\n");
        }
        if (claimed.count() > named.size()) {
            out.write("- and " + (claimed.count() - named.size()) + " more\n");
        }
        out.write("\n");
    }

    /** Only when something could not be settled: what is left for the next run, and why. */
    private void unsettled(Writer out) throws IOException {
        if (run.counts().unsettled() == 0 && run.unsettledSamples().isEmpty()) {
            return;
        }
        out.write("## Not settled (left for the next run)\n\n");
        int rows = run.unsettledRows();
        int files = run.counts().unsettled() - rows;
        out.write(run.counts().unsettled() + " input(s) could not be settled because the database could not be reached: "
                + Text.leftForNextRun(files, rows) + ". The run is failed.\n\n");
        for (String sample : run.unsettledSamples()) {
            out.write("- " + Markdown.text(sample) + "\n");
        }
        out.write("\n");
    }

    /**
     * Writes through to the file, holding back the line ends written last: they come out before
     * the next text, and {@link #end} ends the file with one, whichever section came last.
     */
    private static final class LastLineEnd extends Writer {
        private final Writer file;
        private int heldBack;

        LastLineEnd(Writer file) {
            this.file = file;
        }

        @Override
        public void write(char[] text, int offset, int length) throws IOException {
            int end = offset + length;
            int textEnd = end;
            while (textEnd > offset && text[textEnd - 1] == '\n') {
                textEnd--;
            }
            if (textEnd == offset) {
                heldBack += length;
                return;
            }
            for (; heldBack > 0; heldBack--) {
                file.write('\n');
            }
            file.write(text, offset, textEnd - offset);
            heldBack = end - textEnd;
        }

        void end() throws IOException {
            file.write('\n');
        }

        @Override
        public void flush() throws IOException {
            file.flush();
        }

        @Override
        public void close() {
            // the file is closed by whoever opened it
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
