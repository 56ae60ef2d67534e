package io.modelgate.output;

import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.ClaimedElsewhere;
import io.modelgate.model.Json;
import io.modelgate.model.LeftAsDecided;
import io.modelgate.model.RunCounts;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The report of one run, built as the run goes: each artifact's row is written to spill files
 * when it arrives (its summary entry, and its markdown row unless it is unchanged) and only
 * counts stay in memory, with the decision files the run read (made by hand, so few).
 * {@link #finish} writes the markdown report and the summary JSON with the rows sorted by id.
 */
public final class RunReport implements AutoCloseable {
    private static final int SORT_CHUNK = 20_000;

    private final String runId;
    private final String mode;
    private final OffsetDateTime startedAt;
    private final Path reportPath;
    private final Map<Channel, AtomicInteger> counts = new EnumMap<>(Channel.class);
    private final AtomicInteger unchanged = new AtomicInteger();
    private final Map<Channel, AtomicInteger> unchangedByChannel = new EnumMap<>(Channel.class);
    /** The artifacts left as decided (in no channel), by their promotion_state. */
    private final Map<String, AtomicInteger> decidedByState = new ConcurrentHashMap<>();
    /** The decision files the run read, applied or refused. */
    private final List<DecisionRow> decisions = new CopyOnWriteArrayList<>();
    private final AtomicInteger normalized = new AtomicInteger();
    private final AtomicInteger unsettled = new AtomicInteger();
    private final AtomicInteger unsettledRows = new AtomicInteger();
    /** The first few unsettled inputs, for the report; the count covers all of them. */
    private final java.util.List<String> unsettledSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Unsettled inputs by name; few (a run stops at its first batch the database refused). */
    private final java.util.Set<String> unsettledInputs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Files left alone because another process held their claims. */
    private final ClaimedFiles claimedFiles = new ClaimedFiles();
    /** Entries named like documents that are not read (links, pipes, directories, unusable names). */
    private final UnreadEntries unreadEntries = new UnreadEntries();
    /** What the markdown lists (every artifact but the unchanged ones), section by section, rendered. */
    private final Map<MarkdownReport.Section, SortedSpill> sections = new EnumMap<>(MarkdownReport.Section.class);
    /** Every artifact's entry of the summary JSON, rendered as it comes. */
    private final SortedSpill summaryLines;
    private OffsetDateTime finishedAt;

    public RunReport(String runId, String mode, OffsetDateTime startedAt, Path reportPath) {
        this.runId = runId;
        this.mode = mode;
        this.startedAt = startedAt;
        this.reportPath = reportPath;
        for (Channel channel : Channel.values()) {
            counts.put(channel, new AtomicInteger());
            unchangedByChannel.put(channel, new AtomicInteger());
        }
        Path parent = reportPath.toAbsolutePath().getParent();
        for (MarkdownReport.Section section : MarkdownReport.Section.values()) {
            sections.put(section, new SortedSpill(parent, SORT_CHUNK));
        }
        // summary entries are JSON lines: no line breaks to escape
        this.summaryLines = new SortedSpill(parent, SORT_CHUNK, false);
    }

    public void add(Assessment assessment) {
        add(ReportRow.of(assessment));
    }

    /** Adds an artifact's row: one made from an assessment, or one a scan found settled. */
    public void add(ReportRow row) {
        if (!row.normalizations().isEmpty() && row.id() != null && !row.unchanged()) {
            normalized.incrementAndGet();
        }
        count(row.channel(), row.newState(), row.unchanged());
        // the markdown lists what changed, was held anew or failed; the summary lists everything
        if (!row.unchanged()) {
            sections.forEach((section, spill) -> {
                String fragment = MarkdownReport.render(section, row);
                if (!fragment.isEmpty()) {
                    spill.add(row.sortKey(), fragment);
                }
            });
        }
        summaryLines.add(row.sortKey(), SummaryJson.line(row.id(), row.source(), row.file(), row.channel(), row.newState(),
                row.change(), Json.write(row.reasons()), Json.write(row.errors())));
    }

    /**
     * Adds a database artifact that needed no write, from its recorded outcome: counted in its
     * channel, or as {@code decided}, and a line in the summary with its reasons and errors as the
     * JSON text they are stored as.
     */
    public void addUnchanged(String id, String channelOrDecided, String promotionState, String reasonsJson,
                             String errorsJson) {
        count(channelOrDecided, promotionState, true);
        summaryLines.add(ReportRow.sortKey(id, null), SummaryJson.line(id, Assessment.SOURCE_DB, null, channelOrDecided,
                promotionState, Change.UNCHANGED.label(), reasonsJson, errorsJson));
    }

    private void count(String channelOrDecided, String promotionState, boolean isUnchanged) {
        if (LeftAsDecided.LABEL.equals(channelOrDecided)) {
            decidedByState.computeIfAbsent(String.valueOf(promotionState), state -> new AtomicInteger()).incrementAndGet();
            return;
        }
        Channel channel = Channel.fromLabel(channelOrDecided);
        counts.get(channel).incrementAndGet();
        if (isUnchanged) {
            unchanged.incrementAndGet();
            unchangedByChannel.get(channel).incrementAndGet();
        }
    }

    /**
     * An input that a failing step (the database away) left for the next run: an inbox file or a
     * decision file, or a row of the scan ({@code scanRow}), which the next scan reads again.
     */
    public void addUnsettled(String input, String problem, boolean scanRow) {
        // an input whose failure passed through two routes is told twice: count it once
        if (!unsettledInputs.add(input)) {
            return;
        }
        if (scanRow) {
            unsettledRows.incrementAndGet();
        }
        if (unsettled.incrementAndGet() <= 20) {
            unsettledSamples.add(input + ": " + problem);
        }
    }

    /**
     * A scan that broke off left {@code left} rows unsettled in all: those named already (a batch
     * whose write failed) and the rows it never read, counted here.
     */
    public void addScanRowsLeft(long left, String problem) {
        int unread = (int) Math.max(0, left - unsettledRows.get());
        unsettledRows.addAndGet(unread);
        unsettled.addAndGet(unread);
        unsettledSamples.add(0, "the scan: " + left + " row(s) not settled, read again by the next scan: " + problem);
    }

    /** A scan that broke off before it counted its rows: the next scan reads them. */
    public void addScanNotRead(String problem) {
        unsettledSamples.add(0, "the scan: not read, the next scan reads its rows: " + problem);
    }

    /** The rows of the scan among the unsettled inputs. */
    public int unsettledRows() {
        return unsettledRows.get();
    }

    /** A file left alone because another process held its claim when the run reached it. */
    public void addClaimedElsewhere(ClaimedElsewhere claim) {
        claimedFiles.add(claim);
    }

    /** A decision file the run read, applied or refused. */
    public void addDecision(DecisionRow decision) {
        decisions.add(decision);
    }

    /** The decision files the run read, by file name. */
    public List<DecisionRow> decisions() {
        return decisions.stream().sorted(Comparator.comparing(DecisionRow::file)).toList();
    }

    /** The entries named like documents that this run did not read, and why. */
    public UnreadEntries unreadEntries() {
        return unreadEntries;
    }

    /** The files left alone because another process held their claims. */
    public ClaimedFiles claimedFiles() {
        return claimedFiles;
    }

    /** Writes the markdown report, its summary JSON beside it, and the extra summary copy if asked. */
    public void finish(OffsetDateTime finishedAt, Path extraSummary) {
        this.finishedAt = finishedAt;
        new MarkdownReport(this).write(reportPath);
        SummaryJson summary = new SummaryJson(this);
        summary.write(summaryPath());
        if (extraSummary != null) {
            summary.write(extraSummary);
        }
    }

    /** The summary JSON written beside the report: {@code <report>.json}. */
    public Path summaryPath() {
        return reportPath.resolveSibling(reportPath.getFileName() + ".json");
    }

    /** A section's fragments, by id. */
    void forEachFragment(MarkdownReport.Section section, Consumer<String> consumer) {
        sections.get(section).forEachSorted(consumer);
    }

    /** Every artifact's summary entry, by id. */
    void forEachSummaryLine(Consumer<String> consumer) {
        summaryLines.forEachSorted(consumer);
    }

    public String runId() { return runId; }
    public String mode() { return mode; }
    public OffsetDateTime startedAt() { return startedAt; }
    public OffsetDateTime finishedAt() { return finishedAt; }
    public Path reportPath() { return reportPath; }

    /** The run's counts as they stand. */
    public RunCounts counts() {
        Map<String, Integer> decided = new TreeMap<>();
        decidedByState.forEach((state, count) -> decided.put(state, count.get()));
        return new RunCounts(count(Channel.PROMOTE), count(Channel.CANDIDATE), count(Channel.REVIEW),
                count(Channel.FAILED), unchanged.get(), decided, unsettled.get());
    }

    private int count(Channel channel) {
        return counts.get(channel).get();
    }

    /** The artifacts of a channel that needed no write. */
    public int unchanged(Channel channel) {
        return unchangedByChannel.get(channel).get();
    }

    java.util.List<String> unsettledSamples() {
        return unsettledSamples;
    }

    /** Artifacts (with an id, not unchanged) that had at least one normalization. */
    public int normalized() {
        return normalized.get();
    }

    @Override
    public void close() {
        sections.values().forEach(SortedSpill::close);
        summaryLines.close();
    }
}
