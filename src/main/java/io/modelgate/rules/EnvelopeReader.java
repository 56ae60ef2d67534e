package io.modelgate.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Assessment;
import io.modelgate.model.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Step 1 of the pipeline: reads one input document and checks its envelope (id, type, title,
 * metadata object) and the size and nesting limits. A document that fails here ends in
 * {@code failed} and nothing of it reaches the database.
 */
public final class EnvelopeReader {
    public static final Pattern ID_PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    /** The longest number, in characters, the parser reads. */
    public static final int MAX_NUMBER_LENGTH = JsonNumbers.MAX_LENGTH;

    private final InputLimits limits;
    private final ObjectMapper strictMapper;

    public EnvelopeReader(InputLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                // two values for one key is ambiguous: refuse rather than keep the last one
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.strictMapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Reads an inbox file, never more than the size limit (plus one byte to tell it is over). */
    public Assessment fromFile(String fileName, InputStream content) throws IOException {
        return fromFile(null, fileName, content);
    }

    /** Reads an inbox file of run {@code runId}, never more than the size limit (plus one byte to tell it is over). */
    public Assessment fromFile(String runId, String fileName, InputStream content) throws IOException {
        try (InputStream in = content) {
            return read(runId, fileName, in.readNBytes(limits.maxBytes() + 1));
        }
    }

    /** Reads an inbox file's bytes. */
    public Assessment fromFile(String fileName, byte[] content) {
        return read(null, fileName, content);
    }

    private Assessment read(String runId, String fileName, byte[] content) {
        Assessment assessment = new Assessment(Assessment.SOURCE_INBOX, fileName, runId);
        JsonNode root;
        try {
            root = readJson(content);
        } catch (UnreadableInputException e) {
            return assessment.fail(e.code(), null, e.getMessage());
        }
        return checkEnvelope(assessment, root);
    }

    /**
     * A file's bytes as JSON, read under the input limits: strict UTF-8, one value, no key twice.
     *
     * @throws UnreadableInputException with the reason code ({@code E-LIMIT} or {@code E-PARSE}) and one sentence
     */
    public JsonNode readJson(byte[] content) {
        if (content.length > limits.maxBytes()) {
            throw new UnreadableInputException("E-LIMIT", "the file is over the size limit of "
                    + limits.maxBytes() + " bytes (modelgate.input.max-bytes)");
        }
        String text;
        try {
            text = utf8(content);
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException("E-PARSE", "the file is not UTF-8 text (JSON files must be UTF-8)");
        }
        JsonNode root;
        try {
            root = strictMapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new UnreadableInputException("E-LIMIT", "the document " + limitBroken(e, text));
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException("E-PARSE",
                    ParseErrors.sentence("the file", "the file is not valid UTF-8 JSON", e));
        }
        if (root == null || root.isMissingNode()) {
            throw new UnreadableInputException("E-PARSE", "the file is empty: it must hold one JSON object");
        }
        return root;
    }

    /**
     * Decodes strictly as UTF-8: Jackson alone would also accept UTF-16 and UTF-32. A UTF-8 byte
     * order mark is tolerated.
     */
    private static String utf8(byte[] content) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Checks a document built from an artifacts row; its metadata (the JSONB column as text) is
     * read under the same size and nesting limits as an inbox file.
     */
    public Assessment fromDatabaseRow(ObjectNode columns, String metadataJson) {
        return fromDatabaseRow(null, columns, metadataJson);
    }

    /** Like {@link #fromDatabaseRow(ObjectNode, String)}, for a row of run {@code runId}. */
    public Assessment fromDatabaseRow(String runId, ObjectNode columns, String metadataJson) {
        Assessment assessment = new Assessment(Assessment.SOURCE_DB, null, runId);
        if (metadataJson != null) {
            if (overSizeLimit(metadataJson)) {
                return metadataFailed(assessment, columns, "E-LIMIT", "the metadata is over the size limit of "
                        + limits.maxBytes() + " bytes (modelgate.input.max-bytes)");
            }
            try {
                columns.set("metadata", strictMapper.readTree(metadataJson));
            } catch (StreamConstraintsException e) {
                return metadataFailed(assessment, columns, "E-LIMIT", "the metadata " + limitBroken(e, metadataJson));
            } catch (JsonProcessingException e) {
                return metadataFailed(assessment, columns, "E-PARSE",
                        ParseErrors.sentence("the metadata", "the metadata cannot be read as JSON", e));
            }
        }
        return checkEnvelope(assessment, columns);
    }

    /** A row whose metadata cannot be read is named by its id in the report. */
    private static Assessment metadataFailed(Assessment assessment, ObjectNode columns, String code, String message) {
        assessment.id(columns.path("id").asText(null));
        return assessment.fail(code, "/metadata", message);
    }

    /** Whether the text's UTF-8 form is over the size limit; encoded only when the length leaves it open. */
    private boolean overSizeLimit(String text) {
        if (text.length() > limits.maxBytes()) {
            return true;
        }
        // a char is at most 3 UTF-8 bytes (a surrogate pair, 2 chars, is 4)
        return (long) text.length() * 3 > limits.maxBytes()
                && text.getBytes(StandardCharsets.UTF_8).length > limits.maxBytes();
    }

    private Assessment checkEnvelope(Assessment assessment, JsonNode root) {
        if (!root.isObject()) {
            return assessment.fail("E-ENVELOPE", "", "the document must be one JSON object, not " + kind(root));
        }
        ObjectNode document = (ObjectNode) root;
        // before anything of the document is kept, shown or logged: credentials out of its URLs,
        // its numbers in the form they keep end to end
        DocumentContent content = DocumentContent.inspect(document);
        checkFields(assessment, document, content);
        // notes, after any reason the document failed for: that reason is the one a failure is told by
        for (String pointer : content.credentialsRemoved()) {
            assessment.reason("N-CREDENTIALS-REMOVED", DocumentContent.credentialsNote(pointer));
        }
        return assessment;
    }

    private Assessment checkFields(Assessment assessment, ObjectNode document, DocumentContent content) {
        assessment.document(document);
        JsonNode id = document.get("id");
        if (id == null || !id.isTextual() || !isId(id.asText())) {
            return assessment.fail("E-ENVELOPE", "/id", id == null
                    ? "the document has no id; it needs one of 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    : "the id " + Text.visible(Text.shortened(id.toString())) + " is not usable: it must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        assessment.id(id.asText());
        // a key or value that cannot be kept is refused before any of the document (the title) is taken
        DocumentContent.Refusal refusal = content.refusal();
        if (refusal != null) {
            return assessment.fail("E-PARSE", refusal.pointer(), refusal.message());
        }
        JsonNode type = document.get("artifact_type");
        if (type == null || !"model".equals(type.asText()) || !type.isTextual()) {
            return assessment.fail("E-ENVELOPE", "/artifact_type", "artifact_type must be \"model\", got "
                    + (type == null ? "nothing" : Text.visible(Text.shortened(type.toString()))));
        }
        JsonNode title = document.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank()) {
            return assessment.fail("E-ENVELOPE", "/title", "the document has no title; every model needs a non-empty title");
        }
        assessment.title(title.asText());
        JsonNode metadata = document.get("metadata");
        if (metadata == null || !metadata.isObject()) {
            return assessment.fail("E-ENVELOPE", "/metadata", "metadata must be a JSON object, not "
                    + (metadata == null ? "missing" : kind(metadata)));
        }
        // the normalizer changes the metadata's own fields, never a value inside one in place (it
        // converts the metrics in a copy): a copy of the top level keeps the document as it came
        ObjectNode normalized = JsonNodeFactory.instance.objectNode();
        normalized.setAll((ObjectNode) metadata);
        assessment.metadata(normalized);
        return assessment;
    }

    /** Whether the text is an artifact id, as {@link #ID_PATTERN} matches it (without a regular expression). */
    public static boolean isId(String text) {
        if (text.isEmpty() || text.length() > 128 || !isLetterOrDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** Which limit the parser hit, in words: "is nested deeper than 64 levels (...)". */
    private String limitBroken(StreamConstraintsException e, String text) {
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("nesting depth")) {
            return "is nested deeper than " + limits.maxDepth() + " levels (modelgate.input.max-depth)";
        }
        // the parser counts a number longer than the string limit as a string: tell it as the number it is
        if (message.contains("number value length")
                || message.contains("string value length") && ParseErrors.holdsLongNumber(text, MAX_NUMBER_LENGTH)) {
            return "holds a number of more than " + MAX_NUMBER_LENGTH + " digits";
        }
        if (message.contains("string value length")) {
            return "holds a string longer than " + limits.maxStringLength()
                    + " characters (modelgate.input.max-string-length)";
        }
        if (message.contains("name length")) {
            return "holds a key longer than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        return "is over a parsing limit";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

}
