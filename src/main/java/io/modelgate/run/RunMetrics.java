package io.modelgate.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What the daemon counts, in Micrometer's global registry (to which the daemon adds its
 * Prometheus registry): artifacts by channel (or {@code decided}) and change, inputs left for the next run, database
 * retries, run durations, and the inbox files waiting. Until the daemon turns it on, nothing is
 * counted: one-shot commands, whose counts nobody reads, pay nothing for it.
 */
public final class RunMetrics {
    private final MeterRegistry registry = Metrics.globalRegistry;
    private final Map<String, Counter> artifacts = new ConcurrentHashMap<>();
    private volatile boolean on;

    /** Counts from now on, and watches the inbox's waiting files. */
    public void turnOn(Path inbox) {
        on = true;
        Gauge.builder("modelgate.inbox.waiting", inbox, RunMetrics::waitingFiles).strongReference(true)
                .description("*.json files in the inbox, waiting to be read").register(registry);
    }

    /** An artifact settled: its channel (or {@code decided}) and its change (unchanged, inserted, ...). */
    void settled(String channel, String change) {
        artifact(channel, change);
    }

    /** An artifact the scan found settled: unchanged, in the channel recorded (or {@code decided}). */
    void unchanged(String channel) {
        artifact(channel, "unchanged");
    }

    private void artifact(String channel, String change) {
        if (on) {
            artifacts.computeIfAbsent(channel + "/" + change, key -> Counter.builder("modelgate.artifacts")
                    .description("artifacts settled, by channel and change")
                    .tag("channel", channel).tag("change", change).register(registry)).increment();
        }
    }

    /** An input left for the next run. */
    void unsettled() {
        if (!on) {
            return;
        }
        Counter.builder("modelgate.unsettled").description("inputs left for the next run").register(registry).increment();
    }

    /** A step retried because the database failed. */
    public void databaseRetry() {
        if (!on) {
            return;
        }
        Counter.builder("modelgate.database.retries").description("steps retried because the database failed")
                .register(registry).increment();
    }

    void runFinished(String mode, Duration duration, boolean succeeded) {
        if (!on) {
            return;
        }
        Timer.builder("modelgate.run.duration").description("how long runs took, by mode")
                .tag("mode", mode).tag("succeeded", String.valueOf(succeeded)).register(registry).record(duration);
    }

    private static double waitingFiles(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
