package io.modelgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * A review ticket as its JSON file holds it, read back for a person: the markdown file and the
 * terminal view are both written from it, so that they say the same.
 *
 * @param state       the promotion_state when it was held; null when it was not registered
 * @param resolutions how it was resolved, oldest first; empty while it is open
 */
public record Ticket(String id, String title, String source, String file, String runId, String heldAt, String state,
                     List<Reason> reasons, List<FieldError> errors, JsonNode document, JsonNode metadata,
                     List<String> normalizations, List<JsonNode> resolutions) {

    public static Ticket of(JsonNode json) {
        List<Reason> reasons = new ArrayList<>();
        json.path("reasons").forEach(r -> reasons.add(new Reason(r.path("code").asText(), r.path("message").asText())));
        List<FieldError> errors = new ArrayList<>();
        json.path("errors").forEach(e -> errors.add(new FieldError(e.path("path").asText(), e.path("message").asText())));
        List<String> normalizations = new ArrayList<>();
        json.path("normalizations").forEach(n -> normalizations.add(n.asText()));
        List<JsonNode> resolutions = new ArrayList<>();
        json.path("resolutions").forEach(resolutions::add);
        return new Ticket(json.path("id").asText(), json.path("title").asText(null), json.path("source").asText(""),
                json.path("file").asText(null), json.path("run_id").asText(null), json.path("held_at").asText(null),
                json.path("promotion_state").asText(null), reasons, errors, json.path("document"),
                json.path("normalized_metadata"), normalizations, resolutions);
    }

    public boolean fromDatabase() {
        return io.modelgate.model.Assessment.SOURCE_DB.equals(source);
    }

    public boolean isResolved() {
        return !resolutions.isEmpty();
    }

    /** Each reason once, with the fields it names; the errors no reason says. */
    public HeldReasons heldReasons() {
        return HeldReasons.of(reasons, errors);
    }

    /** What a person can do about it now. */
    public List<NextSteps.Step> nextSteps() {
        return NextSteps.of(id, fromDatabase(), reasons.stream().map(Reason::code).toList());
    }

    /** One line on how it was resolved, e.g. "promote by reviewer:alice on 2026-12-05 19:47:02Z: the row is now promoted". */
    public static String resolutionLine(JsonNode resolution) {
        String by = resolution.path("by").asText();
        String state = resolution.path("promotion_state").asText("");
        String decision = resolution.path("decision").asText();
        String when = " on " + resolution.path("at").asText("");
        return "registered".equals(decision)
                ? "registered by the " + by + when + " from later input: the row is " + state
                : decision + " by " + by + when + ": the row is now " + state;
    }
}
