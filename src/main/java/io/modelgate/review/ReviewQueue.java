package io.modelgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import io.modelgate.model.ReviewQueueLayout;
import io.modelgate.output.AtomicFiles;
import io.modelgate.output.UtcTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The review queue: for each held artifact a ticket {@code <id>.json} (for tools) and
 * {@code <id>.md} (for a person), saying why it is held, each reason once, and the next step in
 * the words of the command that takes it. The latest hold of an id replaces its ticket; when the
 * artifact is later registered or decided, its ticket moves to {@code .resolved/}, and its head
 * then says how it was resolved. The markdown is always written from the JSON ticket, so both say
 * the same. File names come only from validated ids.
 */
public final class ReviewQueue {
    private static final String RESOLVED = ReviewQueueLayout.RESOLVED;
    /** The pipeline's name, as {@code decided_by} stores it. */
    private static final String PIPELINE = "pipeline";

    private final Path directory;

    public ReviewQueue(Path directory) {
        this.directory = directory;
    }

    /**
     * How a ticket was resolved: a reviewer's decision ({@code promote}, {@code reject}, ...) or
     * the pipeline registering the artifact from later input ({@code registered}); who, when, the
     * state the row took, and the reviewer's note.
     */
    public record Resolution(String decision, String state, String by, Instant at, String runId, String note) {
        /** The pipeline registered the artifact from later input, in this run. */
        public static Resolution registered(String state, String runId) {
            return new Resolution("registered", state, PIPELINE, Instant.now(), runId, null);
        }

        /** A reviewer's decision, made now. */
        public static Resolution decided(String decision, String state, String reviewer, String note) {
            return new Resolution(decision, state, reviewer, Instant.now(), null, note);
        }

        /** The same resolution, whenever it was applied (a decision applied again after a crash is the same). */
        boolean sameAs(JsonNode stored) {
            return decision.equals(stored.path("decision").asText()) && Objects.equals(state, stored.path("promotion_state").asText(null))
                    && by.equals(stored.path("by").asText()) && Objects.equals(note, stored.path("note").asText(null));
        }

        ObjectNode json() {
            ObjectNode json = Json.object();
            json.put("decision", decision);
            json.put("promotion_state", state);
            json.put("by", by);
            json.put("at", UtcTime.of(at));
            json.put("run_id", runId);
            json.put("note", note);
            return json;
        }
    }

    /** Writes (or replaces) the ticket of a held artifact; returns the path of its markdown file. */
    public Path write(Assessment assessment) {
        String id = assessment.id();
        try {
            Files.createDirectories(directory);
            return save(directory, ticket(assessment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the review ticket of " + id + " in " + directory, e);
        }
    }

    /**
     * Resolves the ticket of {@code id}: an open ticket moves to .resolved/, and the resolution is
     * added to the resolved ticket, once (the same decision applied again, after a crash, adds
     * nothing). Returns the resolved markdown's path, or null when the artifact has no ticket.
     */
    public Path resolve(String id, Resolution resolution) {
        Path resolved = directory.resolve(RESOLVED);
        try {
            for (String suffix : List.of(".json", ".md")) {
                Path ticket = directory.resolve(id + suffix);
                if (Files.exists(ticket)) {
                    Files.createDirectories(resolved);
                    Files.move(ticket, resolved.resolve(id + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            JsonNode ticket = read(resolved.resolve(id + ".json"));
            if (ticket == null) {
                return null;
            }
            ArrayNode resolutions = ticket.path("resolutions").isArray() ? (ArrayNode) ticket.get("resolutions")
                    : ((ObjectNode) ticket).putArray("resolutions");
            if (resolutions.isEmpty() || !resolution.sameAs(resolutions.get(resolutions.size() - 1))) {
                resolutions.add(resolution.json());
                return save(resolved, (ObjectNode) ticket);
            }
            return resolved.resolve(id + ".md");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the review ticket of " + id + " in " + directory, e);
        }
    }

    /** Whether a ticket of {@code id} is open (not yet moved to {@code .resolved/}). */
    public boolean isOpen(String id) {
        return Files.exists(directory.resolve(id + ".json"));
    }

    /** The ticket of {@code id} for tools: the open one, else the resolved one; null when there is none. */
    public JsonNode ticket(String id) {
        JsonNode open = read(directory.resolve(id + ".json"));
        return open != null ? open : read(directory.resolve(RESOLVED).resolve(id + ".json"));
    }

    private static JsonNode read(Path json) {
        try {
            if (!Files.exists(json)) {
                return null;
            }
            JsonNode ticket = Json.parse(Files.readString(json));
            return ticket.isObject() ? ticket : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    /** Writes the ticket's two files in {@code folder}, the markdown from the JSON; returns the markdown's path. */
    private static Path save(Path folder, ObjectNode ticket) throws IOException {
        String id = ticket.path("id").asText();
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(id + ".json"), Json.pretty(ticket) + "\n");
        Path markdown = folder.resolve(id + ".md");
        AtomicFiles.write(markdown, TicketMarkdown.of(ticket));
        return markdown;
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
        ticket.put("held_at", UtcTime.of(Instant.now()));
        ticket.put("promotion_state", assessment.oldState() == null ? null : assessment.oldState().dbValue());
        ticket.set("reasons", Json.MAPPER.valueToTree(assessment.reasons()));
        ticket.set("errors", Json.MAPPER.valueToTree(assessment.errors()));
        ticket.set("document", assessment.document());
        ticket.set("normalized_metadata", assessment.metadata());
        ArrayNode normalizations = ticket.putArray("normalizations");
        assessment.normalizations().forEach(n -> normalizations.add(n.toString()));
        ArrayNode howTo = ticket.putArray("how_to_resolve");
        TicketMarkdown.nextSteps(ticket).forEach(step -> howTo.add(step.plain()));
        return ticket;
    }
}
