package io.modelgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelgate.app.PipelineSettings;
import io.modelgate.catalog.Registration;
import io.modelgate.catalog.WriteDecision;
import io.modelgate.config.Settings;
import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import io.modelgate.model.PromotionState;
import io.modelgate.output.RunReport;
import io.modelgate.rules.ArtifactDirectory;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.MetadataNormalizer;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.PromotionPolicy;
import io.modelgate.rules.ReferenceChecker;
import io.modelgate.rules.SchemaCheck;
import io.modelgate.scan.ArtifactRows;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the assessment's time goes: the CPU time and the bytes allocated per artifact by each
 * step of {@code ArtifactAssessor.assess} (and by the content hash and the compact JSON the
 * catalog writes after it), for N synthetic artifacts held in memory, so that no database and
 * no other thread counts.
 *
 * <p>Each round runs one step over every artifact before the next step starts, and reads the
 * thread's CPU time and allocated bytes around each step: two readings per step and round, not
 * per artifact. The first rounds warm the JIT compiler up and are not counted; the medians of the
 * others are printed. {@code java -cp <test classpath> io.modelgate.bench.AssessmentProfile
 * [ARTIFACTS] [ROUNDS]}; {@link ThroughputBenchmark} prints the same table.
 */
public final class AssessmentProfile {
    static final int DEFAULT_ARTIFACTS = 10_000;
    static final int DEFAULT_ROUNDS = 15;
    static final String[] STEPS = {"envelope", "normalize", "schema", "references", "gate", "content hash", "compact JSON",
            "report row"};
    /** The steps that make up {@code ArtifactAssessor.assess} and the envelope before it. */
    static final int ASSESSMENT_STEPS = 5;

    /** Where the report's spill files would go; a round stays below a spill's chunk, so nothing is written. */
    private static final Path REPORT = Path.of(System.getProperty("java.io.tmpdir"), "modelgate-profile", "report.md");

    private final List<Map<String, Object>> rows;
    private final ArtifactRows reader;
    private final MetadataNormalizer normalizer = new MetadataNormalizer();
    private final SchemaCheck schemaCheck = new SchemaCheck(new MetadataValidator());
    private final InMemory directory;
    private final ReferenceChecker references;
    private final PromotionPolicy policy;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public AssessmentProfile(int count) {
        Settings settings = Settings.defaultsWith(Map.of());
        this.reader = new ArtifactRows(new EnvelopeReader(PipelineSettings.rules(settings).limits()), 500);
        this.rows = new ArrayList<>(count);
        Set<String> registered = new HashSet<>(SyntheticArtifacts.DATASETS);
        for (int i = 0; i < count; i++) {
            ObjectNode model = SyntheticArtifacts.model(i);
            rows.add(row(model));
            registered.add(model.get("id").asText());
        }
        this.directory = new InMemory(registered);
        this.references = new ReferenceChecker(directory);
        this.policy = new PromotionPolicy(settings.getList(Settings.EVAL_GATE_FAMILIES));
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ARTIFACTS;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        new AssessmentProfile(count).print(rounds);
    }

    /** The row as the scan hands it over: the artifacts columns, metadata as its JSON text. */
    private static Map<String, Object> row(ObjectNode model) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : List.of("id", "artifact_type", "title", "metadata", "version_number", "parent_version_id",
                "version_tag", "changelog", "is_latest", "lifecycle_state", "superseded_by", "origin_type", "origin_url")) {
            JsonNode value = model.get(column);
            if (column.equals("metadata")) {
                row.put(column, Json.write(value));
            } else if (column.equals("is_latest")) {
                row.put(column, Boolean.TRUE);
            } else if (column.equals("lifecycle_state")) {
                row.put(column, "active");
            } else if (value == null || value.isNull()) {
                row.put(column, null);
            } else {
                row.put(column, value.isNumber() ? (Object) value.intValue() : value.asText());
            }
        }
        return row;
    }

    /** Per step, CPU nanoseconds and allocated bytes per artifact, one value per counted round. */
    record Figures(double[][] cpuNanos, double[][] allocated, int artifacts, int rounds, double lookUps) {
        double cpu(int step) {
            return median(cpuNanos[step]);
        }

        double bytes(int step) {
            return median(allocated[step]);
        }

        /** The median over rounds of the assessment's total, envelope to gate. */
        double assessmentCpu() {
            double[] totals = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < ASSESSMENT_STEPS; s++) {
                    totals[r] += cpuNanos[s][r];
                }
            }
            return median(totals);
        }

        double assessmentBytes() {
            double total = 0;
            for (int s = 0; s < ASSESSMENT_STEPS; s++) {
                total += bytes(s);
            }
            return total;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Runs {@code rounds} counted rounds after as many warm-up rounds (at least 5). */
    Figures measure(int rounds) {
        int warmUp = Math.max(5, rounds);
        for (int r = 0; r < warmUp; r++) {
            round(null, null, 0);
        }
        directory.lookUps = 0;
        double[][] cpu = new double[STEPS.length][rounds];
        double[][] bytes = new double[STEPS.length][rounds];
        for (int r = 0; r < rounds; r++) {
            round(cpu, bytes, r);
        }
        return new Figures(cpu, bytes, rows.size(), rounds, (double) directory.lookUps / rounds / rows.size());
    }

    /**
     * One counted round on its own: per step, CPU nanoseconds then allocated bytes per artifact
     * (for a driver that alternates the rounds of two builds of the rules in one JVM).
     */
    public double[] measureRound() {
        double[][] cpu = new double[STEPS.length][1];
        double[][] bytes = new double[STEPS.length][1];
        round(cpu, bytes, 0);
        double[] figures = new double[2 * STEPS.length];
        for (int s = 0; s < STEPS.length; s++) {
            figures[s] = cpu[s][0];
            figures[STEPS.length + s] = bytes[s][0];
        }
        return figures;
    }

    private void round(double[][] cpu, double[][] bytes, int r) {
        List<Assessment> batch = new ArrayList<>(rows.size());
        long tid = Thread.currentThread().getId();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long bytesStart = threads.getThreadAllocatedBytes(tid);
        for (Map<String, Object> row : rows) {
            batch.add(reader.toAssessment(row));
        }
        record(cpu, bytes, r, 0, cpuStart, bytesStart, tid);
        List<Assessment> live = batch.stream().filter(a -> a.channel() != Channel.FAILED).toList();
        step(live, normalizer::normalize, cpu, bytes, r, 1);
        step(live, schemaCheck::check, cpu, bytes, r, 2);
        step(live, references::check, cpu, bytes, r, 3);
        step(live, policy::decide, cpu, bytes, r, 4);
        step(live, a -> WriteDecision.contentHash(registration(a)), cpu, bytes, r, 5);
        step(live, a -> Json.write(a.metadata()), cpu, bytes, r, 6);
        // the run's report, as a first pass adds each written artifact: its row, the markdown's
        // fragments and the summary's line (held in memory: a round is less than a spill's chunk)
        try (RunReport report = new RunReport("profile", "backfill", OffsetDateTime.now(ZoneOffset.UTC), REPORT)) {
            step(live, a -> {
                a.change(Change.INSERTED);
                report.add(a);
            }, cpu, bytes, r, 7);
        }
    }

    private static Registration registration(Assessment a) {
        boolean held = a.channel() == Channel.REVIEW;
        return new Registration(a.id(), a.title(), a.document(), a.metadata(), a.version(),
                held ? PromotionState.CANDIDATE : a.newState(), a.reasons(), held, "profile", true);
    }

    private void step(List<Assessment> batch, Consumer<Assessment> work, double[][] cpu, double[][] bytes, int r,
                      int step) {
        long tid = Thread.currentThread().getId();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long bytesStart = threads.getThreadAllocatedBytes(tid);
        for (Assessment a : batch) {
            work.accept(a);
        }
        record(cpu, bytes, r, step, cpuStart, bytesStart, tid);
    }

    private void record(double[][] cpu, double[][] bytes, int r, int step, long cpuStart, long bytesStart, long tid) {
        if (cpu != null) {
            cpu[step][r] = (double) (threads.getCurrentThreadCpuTime() - cpuStart) / rows.size();
            bytes[step][r] = (double) (threads.getThreadAllocatedBytes(tid) - bytesStart) / rows.size();
        }
    }

    /** Measures and prints the table: one line per step, then the assessment's total. */
    void print(int rounds) {
        Figures figures = measure(rounds);
        System.out.printf(Locale.ROOT, "assessment per step, %d synthetic artifacts in memory, median of %d warmed-up rounds"
                + " (CPU of this thread, bytes allocated)%n", figures.artifacts(), figures.rounds());
        System.out.printf(Locale.ROOT, "  %-14s %12s %14s%n", "step", "CPU us/art.", "bytes/art.");
        for (int s = 0; s < STEPS.length; s++) {
            if (s == ASSESSMENT_STEPS) {
                System.out.printf(Locale.ROOT, "  %-14s %12.1f %14.0f%n", "assessment", figures.assessmentCpu() / 1e3,
                        figures.assessmentBytes());
                System.out.println("  after the assessment, in the catalog and the run's report:");
            }
            System.out.printf(Locale.ROOT, "  %-14s %12.1f %14.0f%n", STEPS[s], figures.cpu(s) / 1e3, figures.bytes(s));
        }
        System.out.printf(Locale.ROOT, "  reference look-ups per artifact: %.2f (answered from memory here; the baseline"
                + " asks PostgreSQL for each, the scan once per batch)%n", figures.lookUps());
    }

    /** The registered artifacts: the data sets and every synthetic model; counts the look-ups. */
    private static final class InMemory implements ArtifactDirectory {
        private final Set<String> ids;
        private long lookUps;

        InMemory(Set<String> ids) {
            this.ids = ids;
        }

        @Override
        public boolean exists(String artifactId) {
            lookUps++;
            return ids.contains(artifactId);
        }
    }
}
