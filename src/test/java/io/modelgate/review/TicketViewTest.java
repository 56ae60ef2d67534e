package io.modelgate.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.catalog.ReviewContext;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code review show} in a terminal: a hostile value anywhere in a ticket (title, file, metadata
 * keys and values, messages, a long value) neither moves the cursor, nor colours or reorders the
 * screen, nor makes a line longer than 100 columns.
 */
class TicketViewTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @MethodSource("io.modelgate.output.MarkdownInjectionTest#hostile")
    void aHostileValueStaysOnItsLinesAndWithinTheWidth(String value) {
        ReviewQueue queue = new ReviewQueue(folder.resolve("review-queue"));
        queue.write(held(value));
        Ticket ticket = Ticket.of(queue.ticket("model-x"));
        ObjectNode stored = Json.object();
        stored.put("framework", "x");
        stored.put(value, value.repeat(30));
        ReviewContext.Context context = new ReviewContext.Context(
                new ReviewContext.Version("model-x", value, Json.write(stored), "candidate"),
                new ReviewContext.Version(value, value, Json.write(stored), "promoted"), "promoted");

        List<String> lines = TicketView.of(ticket, context, "review-queue/model-x.md");

        assertThat(lines).allSatisfy(line -> assertThat(line)
                .hasSizeLessThanOrEqualTo(TicketView.WIDTH)
                .doesNotContainPattern("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]"));
        assertThat(lines.get(0)).startsWith("model-x: ");
        assertThat(lines).contains("Why it is held:", "Next steps:", "Errors:");
        assertThat(String.join("\n", lines)).contains("A-CONFLICT").contains("size         7,000,000 parameters")
                .contains("base model   model-base (promoted)").contains("Differs from the stored row (candidate):");
    }

    private static Assessment held(String value) {
        Assessment a = new Assessment(Assessment.SOURCE_INBOX, value + ".json");
        a.runId("run-1");
        a.id("model-x");
        a.title(value);
        ObjectNode metadata = Json.object();
        metadata.put("framework", value);
        metadata.put("parameter_count", 7_000_000);
        metadata.put("base_model_id", "model-base");
        metadata.putObject("evaluation_metrics").put(value, 0.5);
        metadata.put(value, value);
        ObjectNode document = Json.object();
        document.put("id", "model-x");
        document.put("title", value);
        document.set("metadata", metadata.deepCopy());
        a.document(document);
        a.metadata(metadata);
        a.reason("A-CONFLICT", "metadata has both framework = " + value + " and library = \"x\"");
        a.error("/metadata/" + value, "got " + value);
        a.channel(Channel.REVIEW);
        return a;
    }
}
