package io.modelgate.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.ClaimedElsewhere;
import io.modelgate.model.Json;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.Normalization;
import io.modelgate.model.PromotionState;
import io.modelgate.review.ReviewQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile value, put everywhere input reaches a review ticket or a run report (title, file
 * name, id, reason and error messages, error path, document, metadata, normalizations, code pin,
 * files claimed elsewhere, unsettled inputs), adds no heading, fence, list, quote, table row or
 * cell, link, image or raw HTML, and is shown as it came (on one line).
 */
class MarkdownInjectionTest {
    private static final Set<String> TICKET_HEADINGS = Set.of("## Why it is held", "## Errors", "## How to resolve",
            "## Normalizations the pipeline would apply", "## Original document", "## Normalized metadata");
    private static final Set<String> RESOLVED_HEADINGS = Set.of("## Decision", "## Why it was held", "## Errors",
            "## Normalizations the pipeline would apply", "## Original document", "## Normalized metadata");
    private static final Set<String> REPORT_HEADINGS = Set.of("# modelgate run report", "## Counts", "## Decisions",
            "## Artifacts",
            "## Held for review", "## Normalizations applied", "## Failed inputs", "## Claimed by other instances",
            "## Not settled (left for the next run)");

    @TempDir
    Path folder;

    static Stream<String> hostile() {
        return Stream.of(
                "Title\n# Heading",
                "```\n# x",
                "~~~",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<!-- hidden",
                "data:text/html,<script>alert(1)</script>",
                "javascript:alert(1)",
                "| a | b |",
                "[link](http://evil)",
                "![img](http://evil/x.png)",
                "**bold**",
                "\u0000",
                "\r\n---\n",
                "a`b``c```d",
                "> quote",
                "&amp;",
                "&#60;script&#62;",
                "- item",
                "1. item",
                "    indented",
                "\\|",
                "a\\",
                "`",
                "``x``",
                " `x` ",
                "x\u2028# y\u2029## z\u0085### w",
                "\u202Eevil\u202C",
                "\u001B[31mred",
                "_under_ score",
                "<http://evil>",
                "[x]: javascript:alert(1)",
                "x\n```\n<script>\n```",
                "~~~\n# x\n~~~~",
                "Title ##",
                "\t\tcode");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aTicketShowsTheValueAndGainsNoStructure(String value) throws IOException {
        ReviewQueue queue = new ReviewQueue(folder.resolve("review-queue"));
        Assessment inbox = held(Assessment.SOURCE_INBOX, value + ".json", "model-x", value);
        Assessment database = held(Assessment.SOURCE_DB, null, "model-db", value);

        for (Assessment assessment : List.of(inbox, database)) {
            String ticket = Files.readString(queue.write(assessment));
            MarkdownStructure md = new MarkdownStructure(ticket);

            md.assertNoInjectedStructure(TICKET_HEADINGS, List.of("# Review: "));
            assertThat(md.headings()).filteredOn(h -> h.startsWith("# ")).hasSize(1);
            assertThat(md.headings()).hasSize(1 + TICKET_HEADINGS.size());
            assertThat(md.fenceLines).isEqualTo(4);
            assertThat(md.fencedBlocks).hasSize(2);
            // the fences hold the whole documents: nothing in them closed a fence early
            assertThat(Json.parse(md.fencedBlocks.get(0))).isEqualTo(assessment.document());
            assertThat(Json.parse(md.fencedBlocks.get(1))).isEqualTo(assessment.metadata());

            String heading = md.outside.get(0);
            assertThat(MarkdownStructure.shown(heading.substring("# Review: ".length()))).isEqualTo(shownInline(value));
            if (assessment.file() != null) {
                String fileLine = md.outside.stream().filter(l -> l.startsWith("- **source**: inbox (file ")).findFirst()
                        .orElseThrow();
                String span = fileLine.substring("- **source**: inbox (file ".length());
                assertThat(MarkdownStructure.codeSpanAt(span)).isEqualTo(shownInCode(value + ".json"));
            }
            String reason = md.outside.stream().filter(l -> l.startsWith("- **A-CONFLICT**: ")).findFirst().orElseThrow();
            assertThat(MarkdownStructure.shown(reason.substring("- **A-CONFLICT**: ".length())))
                    .isEqualTo(shownInline("metadata has both framework = " + value + " and library = \"x\""));
            String errorRow = md.outside.stream().filter(l -> l.startsWith("| `") || l.startsWith("| ``")).findFirst()
                    .orElseThrow();
            List<String> cells = MarkdownStructure.cells(errorRow);
            assertThat(cells).hasSize(2);
            assertThat(MarkdownStructure.codeSpanAt(cells.get(0))).isEqualTo(shownInCode("/metadata/" + value));
            assertThat(MarkdownStructure.shown(cells.get(1))).isEqualTo(shownInline("got " + value));
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aResolvedTicketShowsTheNoteAndGainsNoStructure(String value) throws IOException {
        ReviewQueue queue = new ReviewQueue(folder.resolve("review-queue"));
        Assessment assessment = held(Assessment.SOURCE_INBOX, value + ".json", "model-x", value);
        queue.write(assessment);

        // a fence keeps the tabs of a note as they are (Markdown.fenced), which this check takes for controls
        String note = value.replace('\t', ' ');
        Path resolved = queue.resolve("model-x", ReviewQueue.Resolution.decided("promote", "promoted", "reviewer:ann", note));
        MarkdownStructure md = new MarkdownStructure(Files.readString(resolved));

        md.assertNoInjectedStructure(RESOLVED_HEADINGS, List.of("# Resolved: "));
        assertThat(md.headings()).hasSize(1 + RESOLVED_HEADINGS.size());
        assertThat(md.fencedBlocks).hasSize(3);
        // the note's fence holds the note alone: the documents after it are whole
        assertThat(Json.parse(md.fencedBlocks.get(1))).isEqualTo(assessment.document());
        assertThat(Json.parse(md.fencedBlocks.get(2))).isEqualTo(assessment.metadata());
        assertThat(md.outside).contains("- **decision**: promote (the row is now promoted)", "- **reviewer**: `reviewer:ann`");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aReportShowsTheValueAndGainsNoStructure(String value) throws IOException {
        Path reportPath = folder.resolve("reports").resolve("report.md");
        try (RunReport run = new RunReport("run-1", "once", OffsetDateTime.parse("2026-01-01T00:00:00Z"), reportPath)) {
            Assessment heldInbox = held(Assessment.SOURCE_INBOX, value + ".json", "model-x", value);
            heldInbox.ticketPath("review-queue/model-x.md");
            run.add(heldInbox);
            // a database row whose metadata could not be read is named by its id, which nothing validated
            Assessment unreadableRow = new Assessment(Assessment.SOURCE_DB, null);
            unreadableRow.id(value);
            run.add(unreadableRow.fail("E-PARSE", "/metadata", "the metadata cannot be read: " + value));
            run.add(new Assessment(Assessment.SOURCE_INBOX, value + ".json").fail("E-PARSE", "", "not JSON: " + value));
            Assessment promoted = held(Assessment.SOURCE_DB, null, value, value);
            promoted.reasons().clear();
            promoted.errors().clear();
            promoted.channel(Channel.PROMOTE);
            promoted.change(Change.INSERTED);
            promoted.newState(PromotionState.PROMOTED);
            run.add(promoted);
            run.add(held(Assessment.SOURCE_DB, null, value, value));
            run.addClaimedElsewhere(new ClaimedElsewhere(value + ".json", Duration.ofMillis(4200), true));
            run.addUnsettled("file " + value + ".json", "the database failed: " + value, false);
            run.addDecision(DecisionRow.refused(value + ".json", null, null, null, "/decision: not \"" + value + "\""));
            run.addDecision(DecisionRow.applied("model-x.json", "model-x", "reject", "ann", "candidate", "rejected",
                    "superseded " + value));
            run.finish(OffsetDateTime.parse("2026-01-01T00:01:00Z"), null);
        }
        String report = Files.readString(reportPath);
        MarkdownStructure md = new MarkdownStructure(report);

        md.assertNoInjectedStructure(REPORT_HEADINGS, List.of("### `", "### ``"));
        assertThat(md.fenceLines).isZero();
        // two held blocks, three normalization blocks, each headed by the artifact's id in a code span
        assertThat(md.headings()).filteredOn(h -> h.startsWith("### ")).hasSize(5);
        assertThat(md.headings()).hasSize(5 + REPORT_HEADINGS.size());

        List<String> artifactRows = rowsAfter(md.outside, "| id | title | source |");
        assertThat(artifactRows).hasSize(5).allSatisfy(row -> assertThat(MarkdownStructure.cells(row)).hasSize(8));
        List<String> heldRow = MarkdownStructure.cells(artifactRows.stream()
                .filter(row -> row.startsWith("| `model-x`")).findFirst().orElseThrow());
        assertThat(MarkdownStructure.shown(heldRow.get(1))).isEqualTo(shownInline(value));
        assertThat(MarkdownStructure.codeSpanAt(heldRow.get(6))).isEqualTo(shownInCode(value + "@0123abc"));
        assertThat(artifactRows).anySatisfy(row -> assertThat(MarkdownStructure.codeSpanAt(MarkdownStructure.cells(row).get(0)))
                .isEqualTo(shownInCode(value)));

        List<String> failedRows = rowsAfter(md.outside, "| file | id | reason |");
        assertThat(failedRows).hasSize(2).allSatisfy(row -> assertThat(MarkdownStructure.cells(row)).hasSize(3));
        assertThat(failedRows).anySatisfy(row -> assertThat(MarkdownStructure.codeSpanAt(MarkdownStructure.cells(row).get(0)))
                .isEqualTo(shownInCode(value + ".json")));
        assertThat(failedRows).anySatisfy(row -> assertThat(MarkdownStructure.shown(MarkdownStructure.cells(row).get(2)))
                .isEqualTo(shownInline("E-PARSE: not JSON: " + value)));

        List<String> decisionRows = rowsAfter(md.outside, "| id | decision | reviewer |");
        assertThat(decisionRows).hasSize(2).allSatisfy(row -> assertThat(MarkdownStructure.cells(row)).hasSize(5));
        assertThat(decisionRows).anySatisfy(row -> assertThat(MarkdownStructure.shown(MarkdownStructure.cells(row).get(4)))
                .isEqualTo(shownInline("/decision: not \"" + value + "\"")));
        assertThat(decisionRows).anySatisfy(row -> assertThat(MarkdownStructure.shown(MarkdownStructure.cells(row).get(4)))
                .isEqualTo(shownInline("candidate -> rejected; superseded " + value)));

        String claimed = md.outside.stream().filter(l -> l.endsWith("left for it (held for 4.2 s)")).findFirst().orElseThrow();
        assertThat(MarkdownStructure.codeSpanAt(claimed.substring("- ".length()))).isEqualTo(shownInCode(value + ".json"));
        String unsettled = md.outside.stream().filter(l -> l.startsWith("- file ")).findFirst().orElseThrow();
        assertThat(MarkdownStructure.shown(unsettled.substring("- ".length())))
                .isEqualTo(shownInline("file " + value + ".json: the database failed: " + value));
    }

    /** A held artifact with the value in every field that comes from input. */
    private static Assessment held(String source, String file, String id, String value) {
        Assessment a = new Assessment(source, file);
        a.runId("run-1");
        a.id(id);
        a.title(value);
        ObjectNode metadata = Json.object();
        metadata.put("framework", value);
        metadata.put(value, value);
        ObjectNode document = Json.object();
        document.put("id", id);
        document.put("title", value);
        document.put("artifact_type", "model");
        document.set("metadata", metadata.deepCopy());
        a.document(document);
        a.metadata(metadata);
        a.version(new ModelVersion(false, null, null, null, value, "0123abc", null, null, null, null, null, null, null,
                null, null));
        a.reason("A-CONFLICT", "metadata has both framework = " + value + " and library = \"x\"");
        a.error("/metadata/" + value, "got " + value);
        a.normalizations().add(new Normalization("library", TextNode.valueOf(value), "framework", TextNode.valueOf(value)));
        a.normalizations().add(new Normalization(value, TextNode.valueOf("x"), "framework", TextNode.valueOf("x")));
        a.channel(Channel.REVIEW);
        return a;
    }

    /** The rows of the table whose header starts with {@code header}. */
    private static List<String> rowsAfter(List<String> lines, String header) {
        int at = 0;
        while (!lines.get(at).startsWith(header)) {
            at++;
        }
        return lines.subList(at + 2, lines.size()).stream().takeWhile(line -> line.startsWith("|")).toList();
    }

    /** What inline text should show: line breaks and tabs as one space, other controls as escapes, trimmed. */
    private static String shownInline(String value) {
        String line = value.replaceAll("[\\n\\r\\t\\x0B\\f\\u0085\\u2028\\u2029]+", " ").replaceAll("^ +| +$", "");
        return escapedControls(line);
    }

    /** What a code span should show: the value, with line breaks and controls as escapes. */
    private static String shownInCode(String value) {
        return escapedControls(value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"));
    }

    private static String escapedControls(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            boolean hidden = Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
                    || c == 0x061C || c == 0x200E || c == 0x200F
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            out.append(hidden ? String.format("\\u%04x", c) : String.valueOf((char) c));
        });
        return out.toString();
    }
}
