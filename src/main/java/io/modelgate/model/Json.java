package io.modelgate.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** JSON conversions shared by every part: one configuration, so the same value always prints the same. */
public final class Json {
    /** Reads numbers as exact decimals and writes maps with sorted keys. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Text of a value with object keys sorted at every level, so equal content hashes equally.
     * Written straight from the tree, token for token as the same value converted to maps and
     * lists and written with sorted keys (what stored content hashes were made with): floating
     * point numbers as exact decimals, the rest as they are.
     */
    public static String canonical(JsonNode node) {
        return text(node, true);
    }

    /** A value's compact JSON text, as {@code JsonNode.toString()} gives it, written without a serializer provider. */
    public static String compact(JsonNode node) {
        if (node != null && node.isTextual()) {
            return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(node.textValue())) + '"';
        }
        return text(node, false);
    }

    private static String text(JsonNode node, boolean canonical) {
        return text(generator -> write(node, generator, canonical));
    }

    /** What writes a value token by token, for {@link #text(Tokens)}. */
    @FunctionalInterface
    public interface Tokens {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /**
     * The compact text that {@code tokens} write, with the generator {@link #canonical} writes with:
     * a value written here field by field in sorted order, with {@link #writeCanonical} for its
     * trees, reads as the canonical text of the same value built as a tree, without the tree.
     */
    public static String text(Tokens tokens) {
        // the writer the mapper's own writeValueAsString uses: unsynchronized, its buffers recycled
        try (SegmentedStringWriter out = new SegmentedStringWriter(MAPPER.getFactory()._getBufferRecycler())) {
            try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
                tokens.writeTo(generator);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a value as {@link #canonical} does (null as JSON null), inside a larger text of {@link #text(Tokens)}. */
    public static void writeCanonical(JsonNode node, JsonGenerator generator) throws IOException {
        write(node, generator, true);
    }

    private static void write(JsonNode node, JsonGenerator generator, boolean canonical) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            generator.writeNull();
        } else if (node.isObject()) {
            Collection<Map.Entry<String, JsonNode>> fields = node.properties();
            if (canonical && fields.size() > 1) {
                List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>(fields);
                sorted.sort(Map.Entry.comparingByKey());
                fields = sorted;
            }
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : fields) {
                generator.writeFieldName(field.getKey());
                write(field.getValue(), generator, canonical);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(element, generator, canonical);
            }
            generator.writeEndArray();
        } else if (canonical) {
            writeCanonicalValue(node, generator);
        } else if (node instanceof ValueNode value && !node.isPojo()) {
            // a value node writes itself as toString() would, without needing a provider
            value.serialize(generator, null);
        } else {
            generator.writeTree(node);
        }
    }

    private static void writeCanonicalValue(JsonNode node, JsonGenerator generator) throws IOException {
        if (node.isTextual()) {
            generator.writeString(node.textValue());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.booleanValue());
        } else if (node.isBigDecimal()) {
            generator.writeNumber(node.decimalValue());
        } else if (node.isFloatingPointNumber()) {
            // converted values read floats as BigDecimal.valueOf(double): 1.0E-6 is written 0.0000010
            generator.writeNumber(BigDecimal.valueOf(node.doubleValue()));
        } else if (node.isIntegralNumber()) {
            generator.writeNumber(node.bigIntegerValue());
        } else {
            generator.writeObject(MAPPER.convertValue(node, Object.class));
        }
    }

    public static String sha256(String text) {
        // digest() leaves the thread's digest reset for the next text
        return HexFormat.of().formatHex(SHA_256.get().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** One SHA-256 digest per thread: looking the algorithm up costs more than hashing a small document. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
