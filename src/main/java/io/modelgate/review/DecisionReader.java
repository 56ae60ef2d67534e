package io.modelgate.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.rules.DocumentContent;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.UnreadableInputException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a decision ({@code {"id", "decision", "reviewer", "note", "metadata"?}}) from a file in
 * {@code review-queue/decisions/} or from the command line's options, and refuses what is not
 * one: the same limits as an inbox file, an id of the same pattern, a known decision, a reviewer
 * name that is safe in a file name, a markdown table and a log line, and a note.
 */
public final class DecisionReader {
    /** Letters, digits and {@code . _ @ -}: safe in {@code decided_by}, tickets, reports and logs. */
    public static final Pattern REVIEWER_PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$");
    public static final int MAX_NOTE_LENGTH = 2000;
    private static final Set<String> FIELDS = Set.of("id", "decision", "reviewer", "note", "metadata");

    private final EnvelopeReader reader;

    public DecisionReader(EnvelopeReader reader) {
        this.reader = reader;
    }

    /** A decision file's bytes; its name must be {@code <id>.json}. */
    public ReviewDecision fromFile(String fileName, byte[] content) {
        JsonNode root;
        try {
            root = reader.readJson(content);
        } catch (UnreadableInputException e) {
            throw new DecisionRefusedException("", e.getMessage());
        }
        if (!root.isObject()) {
            throw new DecisionRefusedException("", "a decision file holds one JSON object");
        }
        // the same pass as an inbox document's: text that cannot be kept is refused, credentials
        // in the corrected metadata's URLs are removed, numbers take their one form
        DocumentContent.Refusal refusal = DocumentContent.inspect((ObjectNode) root).refusal();
        if (refusal != null) {
            throw new DecisionRefusedException(refusal.pointer(), refusal.message());
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new DecisionRefusedException("/" + name, "is not a field of a decision"
                        + " (id, decision, reviewer, note, metadata)");
            }
        }
        ReviewDecision decision = of(text(root, "id"), text(root, "decision"), text(root, "reviewer"), text(root, "note"),
                corrections(root.get("metadata")));
        String expected = decision.id() + ".json";
        if (!expected.equals(fileName)) {
            throw new DecisionRefusedException("/id", "the file is named " + fileName + " but decides on "
                    + decision.id() + "; name it " + expected);
        }
        return decision;
    }

    /** A decision from its parts (the command line), checked as a file's would be. */
    public ReviewDecision of(String id, String verdictLabel, String reviewer, String note, ObjectNode corrections) {
        if (id == null || !EnvelopeReader.ID_PATTERN.matcher(id).matches()) {
            throw new DecisionRefusedException("/id", "must be an artifact id (letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, at most 128 characters)");
        }
        Verdict verdict = Verdict.fromLabel(verdictLabel);
        if (verdict == null) {
            throw new DecisionRefusedException("/decision", "must be one of " + Verdict.labels()
                    + (verdictLabel == null ? "" : ", not \"" + verdictLabel + "\""));
        }
        if (reviewer == null || !REVIEWER_PATTERN.matcher(reviewer).matches()) {
            throw new DecisionRefusedException("/reviewer", "must name the reviewer in 1 to 64 letters, digits,"
                    + " '.', '_', '@' or '-' (for example alice or a.smith@lab.org)");
        }
        if (note == null || note.isBlank()) {
            throw new DecisionRefusedException("/note", "must say why, in words: the note is kept with the decision");
        }
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new DecisionRefusedException("/note", "is longer than " + MAX_NOTE_LENGTH + " characters");
        }
        if (note.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            throw new DecisionRefusedException("/note", "holds a control character; only line breaks and tabs may stand in a note");
        }
        return new ReviewDecision(id, verdict, reviewer, note.strip(), corrections);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new DecisionRefusedException("/" + field, "must be a string");
        }
        return value.textValue();
    }

    private static ObjectNode corrections(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return null;
        }
        if (!metadata.isObject()) {
            throw new DecisionRefusedException("/metadata", "must be an object of corrected metadata fields");
        }
        return (ObjectNode) metadata;
    }
}
