package io.modelgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.Json;
import io.modelgate.output.Markdown;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket's markdown file, written from its JSON: the facts, why it is held (each reason once),
 * the errors no reason says, the next steps, then the documents. A resolved ticket opens with how
 * it was resolved, newest first, and drops the steps. Every value from input is escaped, in a
 * code span or in a fence (see {@link Markdown}).
 */
final class TicketMarkdown {
    private TicketMarkdown() {
    }

    static List<NextSteps.Step> nextSteps(JsonNode ticket) {
        return Ticket.of(ticket).nextSteps();
    }

    static String of(JsonNode json) {
        Ticket ticket = Ticket.of(json);
        StringBuilder md = new StringBuilder();
        md.append(ticket.isResolved() ? "# Resolved: " : "# Review: ")
                .append(Markdown.text(ticket.title() == null ? ticket.id() : ticket.title())).append("\n\n");
        List<JsonNode> newestFirst = new ArrayList<>(ticket.resolutions());
        java.util.Collections.reverse(newestFirst);
        for (JsonNode resolution : newestFirst) {
            md.append(resolution(resolution)).append("\n");
        }
        md.append("- **id**: ").append(Markdown.code(ticket.id())).append("\n");
        md.append("- **source**: ").append(Markdown.text(ticket.source()));
        if (ticket.file() != null) {
            md.append(" (file ").append(Markdown.code(ticket.file())).append(")");
        }
        md.append("\n- **held**: ").append(ticket.heldAt() == null ? "" : Markdown.text(ticket.heldAt()) + ", ")
                .append("run ").append(Markdown.code(ticket.runId())).append("\n");
        md.append(ticket.isResolved() ? "- **state when held**: " : "- **current state**: ")
                .append(ticket.state() == null ? "not registered" : Markdown.text(ticket.state())).append("\n\n");
        HeldReasons held = ticket.heldReasons();
        md.append(ticket.isResolved() ? "## Why it was held\n\n" : "## Why it is held\n\n");
        for (HeldReasons.Said said : held.reasons()) {
            md.append("- **").append(Markdown.text(said.code())).append("**");
            if (!said.fields().isEmpty()) {
                md.append(" (").append(String.join(", ", said.fields().stream().map(Markdown::code).toList())).append(")");
            }
            md.append(": ").append(Markdown.text(said.message())).append("\n");
        }
        if (!held.errors().isEmpty()) {
            md.append("\n## Errors\n\n").append(Markdown.errorTable(held.errors()));
        }
        if (!ticket.isResolved()) {
            md.append("\n## How to resolve\n\n");
            int number = 1;
            for (NextSteps.Step step : ticket.nextSteps()) {
                md.append(number++).append(". ").append(step.render(Markdown::text, Markdown::code)).append("\n");
            }
        }
        if (!ticket.normalizations().isEmpty()) {
            md.append("\n## Normalizations the pipeline would apply\n\n");
            for (String normalization : ticket.normalizations()) {
                md.append("- ").append(Markdown.code(normalization)).append("\n");
            }
        }
        md.append("\n## Original document\n\n").append(Markdown.fenced(Json.pretty(ticket.document()), "json"));
        md.append("\n## Normalized metadata\n\n").append(Markdown.fenced(Json.pretty(ticket.metadata()), "json"));
        return md.toString();
    }

    /**
     * One resolution: a reviewer's decision with the note in a fence no line of it can close, or
     * the pipeline's registration.
     */
    private static String resolution(JsonNode resolution) {
        String state = resolution.path("promotion_state").asText("");
        String at = resolution.path("at").asText("");
        if ("registered".equals(resolution.path("decision").asText())) {
            return "## Registered\n\n"
                    + "- **registered**: by the pipeline from later input, as " + Markdown.text(state) + "\n"
                    + "- **when**: " + Markdown.text(at) + ", run " + Markdown.code(resolution.path("run_id").asText(null)) + "\n";
        }
        return "## Decision\n\n"
                + "- **decision**: " + Markdown.text(resolution.path("decision").asText()) + " (the row is now "
                + Markdown.text(state) + ")\n"
                + "- **reviewer**: " + Markdown.code(resolution.path("by").asText()) + "\n"
                + "- **when**: " + Markdown.text(at) + "\n"
                + "- **note**:\n\n" + Markdown.fenced(resolution.path("note").asText(""), "text");
    }
}
