package io.modelgate.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.modelgate.model.Assessment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What the daemon counts, in Micrometer's global registry (the daemon adds its Prometheus
 * registry to it; in one-shot commands nothing reads them): artifacts by channel and change,
 * inputs left for the next run, database retries, run durations, and the inbox files waiting.
 */
public final class RunMetrics {
    private final MeterRegistry registry = Metrics.globalRegistry;

    /** An artifact settled: its channel and its change (unchanged, inserted, ...). */
    void settled(Assessment assessment) {
        Counter.builder("modelgate.artifacts").description("artifacts settled, by channel and change")
                .tag("channel", assessment.channel().label()).tag("change", assessment.change().label())
                .register(registry).increment();
    }

    /** An artifact the scan found settled: unchanged, in the channel recorded. */
    void unchanged(String channel) {
        Counter.builder("modelgate.artifacts").description("artifacts settled, by channel and change")
                .tag("channel", channel).tag("change", "unchanged").register(registry).increment();
    }

    /** An input left for the next run. */
    void unsettled() {
        Counter.builder("modelgate.unsettled").description("inputs left for the next run").register(registry).increment();
    }

    /** A step retried because the database failed. */
    public void databaseRetry() {
        Counter.builder("modelgate.database.retries").description("steps retried because the database failed")
                .register(registry).increment();
    }

    void runFinished(String mode, Duration duration, boolean succeeded) {
        Timer.builder("modelgate.run.duration").description("how long runs took, by mode")
                .tag("mode", mode).tag("succeeded", String.valueOf(succeeded)).register(registry).record(duration);
    }

    /** The inbox's files waiting to be read, counted when the metrics are read. */
    public void watchInbox(Path inbox) {
        Gauge.builder("modelgate.inbox.waiting", inbox, RunMetrics::waitingFiles).strongReference(true)
                .description("*.json files in the inbox, waiting to be read").register(registry);
    }

    private static double waitingFiles(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
