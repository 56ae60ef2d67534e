package io.modelgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.bench.SyntheticArtifacts;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.InputLimits;
import io.modelgate.rules.MetadataNormalizer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonTest {
    /** How canonical text was made before it was written straight from the tree; stored content hashes come from it. */
    private static String throughMapsAndLists(JsonNode node) {
        return Json.write(Json.MAPPER.convertValue(node, Object.class));
    }

    @Test
    void canonicalTextIsTheSameAsThroughMapsAndListsForEveryKindOfValue() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode value = Json.object();
        value.put("zeta", "last key first").put("alpha", "quotes \" and \\ and \n and \u0001 and é and \u2264");
        value.put("double small", 0.0000010).put("double big", 1.0e20).put("double plain", 0.84).put("double whole", 2.0);
        value.put("float", 0.1f).put("int", 42).put("long", 12_400_000_000L).put("negative", -7);
        value.put("big int", new BigInteger("123456789012345678901234567890"));
        value.put("decimal", new BigDecimal("2.0")).put("decimal exp", new BigDecimal("1E+20"))
                .put("decimal small", new BigDecimal("0.0000010")).put("decimal neg", new BigDecimal("-3.50"));
        value.put("true", true).put("false", false).putNull("null");
        value.set("empty object", Json.object());
        value.set("empty array", nodes.arrayNode());
        ArrayNode array = value.putArray("array");
        array.add(3).add("b").add(Json.object().put("y", 1).put("x", 2)).addNull().add(1.5e-9);
        ObjectNode inner = value.putObject("nested").putObject("inner");
        inner.put("b", 1);
        inner.putObject("a").put("d", 1).put("c", 2);
        assertThat(Json.canonical(value)).isEqualTo(throughMapsAndLists(value));
        assertThat(Json.canonical(Json.parse("{\"n\":1.0E-6,\"m\":[0.10,100,1e400]}")))
                .isEqualTo(throughMapsAndLists(Json.parse("{\"n\":1.0E-6,\"m\":[0.10,100,1e400]}")));
        assertThat(Json.canonical(nodes.textNode("plain"))).isEqualTo(throughMapsAndLists(nodes.textNode("plain")));
        assertThat(Json.canonical(nodes.nullNode())).isEqualTo("null");
    }

    @Test
    void canonicalTextIsTheSameAsThroughMapsAndListsForTheSyntheticArtifacts() {
        EnvelopeReader reader = new EnvelopeReader(new InputLimits(1 << 20, 64, 65536));
        MetadataNormalizer normalizer = new MetadataNormalizer();
        for (int i = 0; i < 400; i++) {
            byte[] file = Json.write(SyntheticArtifacts.model(i)).getBytes(StandardCharsets.UTF_8);
            Assessment assessment = reader.fromFile("artifact-" + i + ".json", file);
            assertThat(Json.canonical(assessment.metadata())).as("artifact %d as read", i)
                    .isEqualTo(throughMapsAndLists(assessment.metadata()));
            normalizer.normalize(assessment);
            assertThat(Json.canonical(assessment.metadata())).as("artifact %d normalized", i)
                    .isEqualTo(throughMapsAndLists(assessment.metadata()));
            for (Normalization change : assessment.normalizations()) {
                assertThat(Json.compact(change.toValue())).isEqualTo(String.valueOf(change.toValue()));
            }
        }
    }

    @Test
    void compactTextIsWhatTheNodeItselfPrints() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode[] values = {nodes.textNode("a \"quoted\" \\ value\n\t\u0001 é \u2264"), nodes.numberNode(1.0e-6),
                nodes.numberNode(new BigDecimal("0.0000010")), nodes.numberNode(12_400), nodes.numberNode(3_000_000_000L),
                nodes.numberNode(0.25f), nodes.booleanNode(true), nodes.nullNode(), Json.object().put("k", "v"),
                nodes.arrayNode().add(1).add("x")};
        for (JsonNode value : values) {
            assertThat(Json.compact(value)).as(value.getNodeType().name()).isEqualTo(value.toString());
        }
    }
}
