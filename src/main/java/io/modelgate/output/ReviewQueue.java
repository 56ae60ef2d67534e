package io.modelgate.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import io.modelgate.model.Normalization;
import io.modelgate.model.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The review queue: for each held artifact a ticket {@code <id>.json} (for tools) and
 * {@code <id>.md} (for a person), saying what is wrong and how to resolve it. The latest hold of
 * an id replaces its ticket; when the artifact is later registered, its ticket moves to
 * {@code .resolved/}. File names come only from validated ids.
 */
public final class ReviewQueue {
    public static final String RESOLVED = ".resolved";

    private static final Map<String, String> HOW_TO_RESOLVE = Map.of(
            "A-CONFLICT", "Two values are given for one field: keep the right one and remove the other key.",
            "A-UNPARSEABLE", "A value cannot be converted exactly: write it in the exact form the message names.",
            "V-SCHEMA", "The metadata does not satisfy schemas/model_artifact_metadata.json: add or correct each field listed under Errors.",
            "A-REF", "A referenced artifact is not registered: register it first, or correct the id.",
            "A-UNPINNED", "A version or commit is a moving ref: name the exact upstream version or commit SHA.",
            "R-PROTECTED", "The model_versions row was decided by a person or is final, and the pipeline will not change it. "
                    + "If the new input is right, a reviewer decides again (below), with the corrected fields if need be.");

    private final Path directory;

    public ReviewQueue(Path directory) {
        this.directory = directory;
    }

    /** Writes (or replaces) the ticket of a held artifact; returns the path of its markdown file. */
    public Path write(Assessment assessment) {
        String id = assessment.id();
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(directory.resolve(id + ".json"), Json.pretty(ticket(assessment)) + "\n");
            Path markdown = directory.resolve(id + ".md");
            AtomicFiles.write(markdown, markdown(assessment));
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the review ticket of " + id + " in " + directory, e);
        }
    }

    /** Moves an open ticket of {@code id} to .resolved/ once the artifact has been registered. */
    public boolean resolve(String id) {
        boolean moved = false;
        for (String suffix : List.of(".json", ".md")) {
            Path ticket = directory.resolve(id + suffix);
            if (Files.exists(ticket)) {
                try {
                    Path resolved = directory.resolve(RESOLVED);
                    Files.createDirectories(resolved);
                    Files.move(ticket, resolved.resolve(id + suffix), StandardCopyOption.REPLACE_EXISTING);
                    moved = true;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close the review ticket " + ticket, e);
                }
            }
        }
        return moved;
    }

    /**
     * Closes the ticket of {@code id} with a reviewer's decision: an open ticket moves to
     * .resolved/, and the decision is appended to its markdown there, once (applying the same
     * decision again, after a crash, appends nothing). Returns the markdown's path, or null when
     * the artifact never had a ticket.
     */
    public Path resolveWithDecision(String id, String decisionMarkdown) {
        resolve(id);
        Path markdown = directory.resolve(RESOLVED).resolve(id + ".md");
        if (!Files.exists(markdown)) {
            return null;
        }
        try {
            String text = Files.readString(markdown);
            if (!text.contains(decisionMarkdown)) {
                AtomicFiles.write(markdown, text + (text.endsWith("\n") ? "\n" : "\n\n") + decisionMarkdown);
            }
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the decision to " + markdown, e);
        }
    }

    /** An open ticket as the reviewer reads it (its markdown), or null when there is none. */
    public String openTicket(String id) {
        Path markdown = directory.resolve(id + ".md");
        try {
            return Files.exists(markdown) ? Files.readString(markdown) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + markdown, e);
        }
    }

    /**
     * One open ticket in a listing: the id, since when it is open, its reason codes, title, source,
     * family, and the promotion_state its row had when it was held (null: nothing registered).
     */
    public record OpenTicket(String id, java.time.Instant heldSince, List<String> reasonCodes, String title, String source,
                             String family, String promotionState) {
    }

    /** The open tickets, oldest first (by when each was last written). */
    public List<OpenTicket> openTicketsOldestFirst() {
        List<OpenTicket> tickets = new ArrayList<>();
        for (String id : openTickets()) {
            Path json = directory.resolve(id + ".json");
            try {
                List<String> codes = new ArrayList<>();
                JsonNode ticket = Json.parse(Files.readString(json));
                ticket.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
                tickets.add(new OpenTicket(id, Files.getLastModifiedTime(json).toInstant(), codes,
                        ticket.path("title").asText(""), ticket.path("source").asText(""),
                        ticket.path("normalized_metadata").path("model_family").asText(""),
                        ticket.path("promotion_state").isTextual() ? ticket.path("promotion_state").asText() : null));
            } catch (IOException | UncheckedIOException e) {
                // moved or rewritten while listed: the next listing shows it as it is then
            }
        }
        tickets.sort(java.util.Comparator.comparing(OpenTicket::heldSince).thenComparing(OpenTicket::id));
        return tickets;
    }

    /** Ids of the open tickets, sorted. */
    public List<String> openTickets() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode ticket(Assessment assessment) {
        ObjectNode ticket = Json.object();
        ticket.put("id", assessment.id());
        ticket.put("title", assessment.title());
        ticket.put("source", assessment.source());
        ticket.put("file", assessment.file());
        ticket.put("run_id", assessment.runId());
        ticket.put("promotion_state", assessment.oldState() == null ? null : assessment.oldState().dbValue());
        ticket.set("reasons", Json.MAPPER.valueToTree(assessment.reasons()));
        ticket.set("errors", Json.MAPPER.valueToTree(assessment.errors()));
        ticket.set("document", assessment.document());
        ticket.set("normalized_metadata", assessment.metadata());
        ArrayNode normalizations = ticket.putArray("normalizations");
        assessment.normalizations().forEach(n -> normalizations.add(n.toString()));
        ArrayNode howTo = ticket.putArray("how_to_resolve");
        howToResolve(assessment).forEach(howTo::add);
        return ticket;
    }

    static List<String> howToResolve(Assessment assessment) {
        return howToResolve(assessment, id -> id);
    }

    /** The steps, with the artifact's id as {@code shownId} writes it (escaped for markdown, or as it is). */
    private static List<String> howToResolve(Assessment assessment, UnaryOperator<String> shownId) {
        String id = shownId.apply(assessment.id());
        Set<String> steps = new LinkedHashSet<>();
        for (Reason reason : assessment.reasons()) {
            String step = HOW_TO_RESOLVE.get(reason.code());
            if (step != null) {
                steps.add(step);
            }
        }
        steps.add(assessment.fromDatabase()
                ? "Then correct the artifact's metadata in the artifacts table (id " + id
                        + "); the next scan picks it up. Or drop a corrected JSON file with the same id into the inbox."
                : "Then drop the corrected file (same id) into the inbox again; it is picked up on the next poll.");
        if (assessment.fromDatabase()) {
            steps.add("Or decide it yourself: modelgate review decide " + id
                    + " --promote|--candidate|--reject|--supersede --reviewer NAME --note TEXT [--metadata FILE],"
                    + " or drop decisions/" + id + ".json in the review queue.");
        }
        steps.add("This ticket is replaced if the artifact is held again, and moves to " + RESOLVED
                + "/ once it is registered or decided.");
        return new ArrayList<>(steps);
    }

    /** The ticket for a person to read; every value from input is escaped, in a code span or in a fence (see Markdown). */
    private static String markdown(Assessment assessment) {
        StringBuilder md = new StringBuilder();
        md.append("# Review: ").append(Markdown.text(assessment.title() == null ? assessment.id() : assessment.title()))
                .append("\n\n");
        md.append("- **id**: ").append(Markdown.code(assessment.id())).append("\n");
        md.append("- **source**: ").append(Markdown.text(assessment.source()));
        if (assessment.file() != null) {
            md.append(" (file ").append(Markdown.code(assessment.file())).append(")");
        }
        md.append("\n- **run**: ").append(Markdown.code(assessment.runId())).append("\n");
        md.append("- **current state**: ").append(assessment.oldState() == null ? "not registered" : assessment.oldState().dbValue())
                .append("\n\n");
        md.append("## Why it is held\n\n");
        md.append(Markdown.reasons(assessment.reasons()));
        if (!assessment.errors().isEmpty()) {
            md.append("\n## Errors\n\n").append(Markdown.errorTable(assessment.errors()));
        }
        md.append("\n## How to resolve\n\n");
        int step = 1;
        for (String line : howToResolve(assessment, Markdown::text)) {
            md.append(step++).append(". ").append(line).append("\n");
        }
        if (!assessment.normalizations().isEmpty()) {
            md.append("\n## Normalizations the pipeline would apply\n\n");
            for (Normalization n : assessment.normalizations()) {
                md.append("- ").append(Markdown.code(n.toString())).append("\n");
            }
        }
        md.append("\n## Original document\n\n").append(Markdown.fenced(Json.pretty(assessment.document()), "json"));
        md.append("\n## Normalized metadata\n\n").append(Markdown.fenced(Json.pretty(assessment.metadata()), "json"));
        return md.toString();
    }
}
