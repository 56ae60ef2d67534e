package io.modelgate.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON documents of the tests (inbox files, metadata, decision files), built field by field
 * on Jackson's {@link ObjectNode} instead of by joining strings. A builder is a value: each
 * {@link #with} returns a copy, so a shared document can be varied without changing it. The
 * text is one line, as the documents were written by hand: {@code {"id": "m", "n": 1}}.
 *
 * <p>Raw JSON text stays where the text itself is what a test is about: parse errors and where
 * they are (ParseErrorsTest, broken files), the envelope reader's limits and escapes
 * (EnvelopeReaderTest), numbers as written (JsonNumbersTest, NumbersThroughPostgresTest, JsonTest),
 * credentials in URLs (CredentialsInUrlsTest), hostile input (HostileCorpus, HostileInputTest), and
 * text as PostgreSQL or the pipeline prints it back.
 */
public final class TestJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper WRITER = new ObjectMapper();

    /** Metadata that every rule accepts, but for evaluation metrics, which the gate asks of most families. */
    public static final TestJson VALID_METADATA = object()
            .with("model_family", "gradient boosting")
            .with("framework", "lightgbm")
            .with("parameter_count", 5000)
            .with("training_data", "ADNI")
            .with("evaluation_dataset", "ADNI holdout");

    private final ObjectNode node;

    private TestJson(ObjectNode node) {
        this.node = node;
    }

    /** An empty object. */
    public static TestJson object() {
        return new TestJson(NODES.objectNode());
    }

    /** An object of these fields and values, in this order: {@code object("auc", 0.8)}. */
    public static TestJson object(Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values come in pairs");
        }
        TestJson json = object();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            json = json.with((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return json;
    }

    /** A model's inbox file: id, type, the title {@code Model <id>}, then its metadata. */
    public static TestJson model(String id, TestJson metadata) {
        return envelope(id).with("metadata", metadata);
    }

    /** A model's inbox file without its metadata, for fields that come before it. */
    public static TestJson envelope(String id) {
        return object("id", id, "artifact_type", "model", "title", "Model " + id);
    }

    /** Metadata that every rule accepts, with these evaluation metrics (the last field). */
    public static TestJson validMetadata(TestJson metrics) {
        return VALID_METADATA.with("evaluation_metrics", metrics);
    }

    /** A reviewer's decision file. */
    public static TestJson decision(String id, String decision, String reviewer, String note) {
        return object("id", id, "decision", decision, "reviewer", reviewer, "note", note);
    }

    /**
     * A copy with this field set: in its place when it is there, else last. Values are strings,
     * numbers, booleans, null, lists of these, other builders or Jackson nodes.
     */
    public TestJson with(String field, Object value) {
        ObjectNode copy = node.deepCopy();
        copy.set(field, toNode(value));
        return new TestJson(copy);
    }

    /** A copy with every field of {@code other} set, in its order. */
    public TestJson withAll(TestJson other) {
        ObjectNode copy = node.deepCopy();
        other.node.fields().forEachRemaining(field -> copy.set(field.getKey(), field.getValue().deepCopy()));
        return new TestJson(copy);
    }

    /** A copy without these fields. */
    public TestJson without(String... fields) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of(fields));
        return new TestJson(copy);
    }

    /** The document as the pipeline reads it (its text parsed by {@link Json}: decimals exact). */
    public ObjectNode node() {
        return (ObjectNode) Json.parse(toString());
    }

    /** The document's text, on one line. */
    @Override
    public String toString() {
        try {
            return WRITER.writer(new OneLine()).writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof TestJson json) {
            return json.node.deepCopy();
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(toNode(element)));
            return array;
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof JsonNode) {
            return WRITER.valueToTree(value);
        }
        throw new IllegalArgumentException("no JSON value for " + value.getClass().getName());
    }

    /** One line with a space after each colon and comma, as the hand-written documents had. */
    private static final class OneLine extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
            generator.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator generator) throws IOException {
            generator.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
            generator.writeRaw(", ");
        }
    }
}
