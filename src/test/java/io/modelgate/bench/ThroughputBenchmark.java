package io.modelgate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.modelgate.app.Pipeline;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.Migrations;
import io.modelgate.model.Channel;
import io.modelgate.model.Json;
import io.modelgate.run.RunResult;
import io.modelgate.support.JarRunner;
import io.modelgate.support.PipelineHarness;
import io.modelgate.support.TestDatabase;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;

/**
 * Throughput of the backfill: the real routes (camel-main, the YAML routes, the streamed JDBC scan,
 * the catalog's writes) against a real PostgreSQL, and in the same run the plain-Java baseline
 * ({@link PlainJdbcBaseline}) over the same artifacts on a fresh database of its own. Prints
 * artifacts per second for both and their ratio, and the heap in use after garbage collection.
 *
 * <p>Not a test: it asserts nothing about time and does not run in {@code mvn verify}. Run it with
 * {@code mvn -B -q test-compile exec:exec -Dbenchmark.artifacts=5000} (see docs/benchmark.md).
 *
 * <p>Arguments: the number of model artifacts (default 5000), the number of repeats (default 1) and
 * the number of inbox files (default 5000).
 */
public final class ThroughputBenchmark {
    static final int DEFAULT_ARTIFACTS = 5000;
    static final int DEFAULT_INBOX_FILES = 5000;
    static final int WARM_UP_ARTIFACTS = 1000;
    static final Path WORK = Path.of("target", "benchmark");
    static final String LOG_CONFIG = "io/modelgate/bench/logback-benchmark.xml";

    private final int artifacts;
    private final int repeats;
    private final int inboxFiles;
    private final HeapWatch heap = new HeapWatch();

    private ThroughputBenchmark(int artifacts, int repeats, int inboxFiles) {
        this.artifacts = artifacts;
        this.repeats = repeats;
        this.inboxFiles = inboxFiles;
    }

    public static void main(String[] args) throws Exception {
        // before anything logs: the pipeline's per-artifact lines go to a file, not the console
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOG_CONFIG);
        }
        System.setProperty("modelgate.bench.log", WORK.resolve("benchmark.log").toString());
        int artifacts = args.length > 0 ? positive(args[0], "artifact count") : DEFAULT_ARTIFACTS;
        int repeats = args.length > 1 ? positive(args[1], "repeat count") : 1;
        int inboxFiles = args.length > 2 ? positive(args[2], "inbox file count") : DEFAULT_INBOX_FILES;
        deleteTree(WORK);
        Files.createDirectories(WORK);
        new ThroughputBenchmark(artifacts, repeats, inboxFiles).run();
    }

    private void run() {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "modelgate throughput benchmark: %d model artifacts, %d inbox files, %d repeat(s)%n",
                artifacts, inboxFiles, repeats);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s (%s), max heap %d MB%n", runtime.availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), mb(runtime.maxMemory()));

        int warmUp = Math.min(WARM_UP_ARTIFACTS, artifacts);
        int warmUpFiles = Math.min(WARM_UP_ARTIFACTS, inboxFiles);
        System.out.printf(Locale.ROOT, "warm-up: %d artifacts through the pipeline and the baseline, %d files through the inbox"
                + " (not counted)%n", warmUp, warmUpFiles);
        PipelineRun warm = measurePipeline(warmUp, WORK.resolve("warm-up"), false);
        measureBaseline(warmUp, WORK.resolve("warm-up-baseline"));
        measureInbox(warmUpFiles, WORK.resolve("warm-up-inbox"));
        System.out.printf(Locale.ROOT, "camel-main start-up, the first in this JVM (warm-up): %.2f s%n", warm.startUpNanos / 1e9);

        List<Repeat> results = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            PipelineRun pipeline = measurePipeline(artifacts, WORK.resolve("pipeline-" + r), r == 1);
            BaselineRun baseline = measureBaseline(artifacts, WORK.resolve("baseline-" + r));
            InboxRun inbox = measureInbox(inboxFiles, WORK.resolve("inbox-" + r));
            results.add(new Repeat(r, pipeline, baseline, inbox));
        }
        boolean valid = print(results);
        // the rules' own cost, step by step, in this JVM (warmed up by the passes above)
        new AssessmentProfile(Math.min(artifacts, AssessmentProfile.DEFAULT_ARTIFACTS)).print(AssessmentProfile.DEFAULT_ROUNDS);
        if (!valid) {
            System.exit(1);
        }
    }

    /** One pipeline on a fresh database: start-up on an empty table, then a first pass and an unchanged re-scan. */
    private PipelineRun measurePipeline(int count, Path folder, boolean describeDatabase) {
        try (TestDatabase db = TestDatabase.start()) {
            try {
                if (describeDatabase) {
                    System.out.printf(Locale.ROOT, "database: PostgreSQL %s (%s), synchronous_commit=%s, fsync=%s%n",
                            db.single("SHOW server_version"), external() ? "MODELGATE_TEST_DB_URL" : "embedded, fresh per pass",
                            db.single("SHOW synchronous_commit"), db.single("SHOW fsync"));
                }
                PipelineHarness harness = new PipelineHarness(db, folder);
                Settings settings = harness.settings();
                try (Database database = Database.open(settings); Pipeline pipeline = new Pipeline(settings, database)) {
                    // the first backfill starts Camel (routes, beans, pool); on an empty table it scans nothing
                    long started = System.nanoTime();
                    pipeline.backfill();
                    long startUp = System.nanoTime() - started;

                    SyntheticArtifacts.insert(db.dataSource(), count);
                    db.execute("VACUUM ANALYZE artifacts");

                    heap.begin(db.dataSource());
                    started = System.nanoTime();
                    RunResult first = pipeline.backfill();
                    Pass firstPass = heap.end(count, processed(first), System.nanoTime() - started);

                    heap.begin(db.dataSource());
                    started = System.nanoTime();
                    RunResult again = pipeline.backfill();
                    Pass rescan = heap.end(count, processed(again), System.nanoTime() - started);
                    Pass jarRescan = jarBackfill(db, harness, count, folder);
                    return new PipelineRun(startUp, firstPass, rescan, jarRescan, first, again,
                            Outcome.of(db, folder.resolve("outcome.txt")));
                }
            } finally {
                dropExternalSchema(db);
            }
        }
    }

    /**
     * The packaged jar's {@code backfill} over the same, unchanged database, timed from process
     * start to exit as a user runs it: JVM start, migrations check, Camel start, the scan, the
     * report and summary. Heap is that of another process, so it is not shown. Null when
     * target/modelgate.jar has not been built.
     */
    private static Pass jarBackfill(TestDatabase db, PipelineHarness harness, int count, Path folder) {
        if (!Files.exists(JarRunner.JAR)) {
            return null;
        }
        Map<String, String> environment = new java.util.HashMap<>();
        String password = System.getenv("MODELGATE_TEST_DB_PASSWORD");
        if (password != null) {
            environment.put("MODELGATE_DB_PASSWORD", password);
        }
        long started = System.nanoTime();
        JarRunner.Result result = JarRunner.run(folder.toAbsolutePath(), environment, "backfill", "--db-url", db.jdbcUrl(),
                "--db-user", db.user(), "--review-queue", harness.reviewQueue().toAbsolutePath().toString(),
                "--report", folder.resolve("jar-backfill.md").toAbsolutePath().toString());
        long nanos = System.nanoTime() - started;
        java.util.regex.Matcher counts = java.util.regex.Pattern
                .compile("promote (\\d+), candidate (\\d+), review (\\d+), failed (\\d+)").matcher(result.stdout());
        int processed = 0;
        if (result.exitCode() == 0 && counts.find()) {
            for (int group = 1; group <= 4; group++) {
                processed += Integer.parseInt(counts.group(group));
            }
        } else {
            System.out.println("the jar's backfill exited with " + result.exitCode() + ": " + result.all().strip());
        }
        return new Pass(count, processed, nanos, -1, -1, -1, -1);
    }

    /**
     * {@code run --once} over an inbox of {@code files} synthetic model files on a fresh database:
     * every file read, assessed, written and moved. The inbox settle time is the harness's 50 ms.
     */
    private InboxRun measureInbox(int files, Path folder) {
        try (TestDatabase db = TestDatabase.start()) {
            try {
                PipelineHarness harness = new PipelineHarness(db, folder);
                SyntheticArtifacts.insert(db.dataSource(), 0);
                Path inbox = Files.createDirectories(harness.inbox());
                for (int i = 0; i < files; i++) {
                    ObjectNode document = SyntheticArtifacts.model(i);
                    Files.writeString(inbox.resolve(document.get("id").asText() + ".json"), Json.write(document));
                }
                Settings settings = harness.settings();
                try (Database database = Database.open(settings); Pipeline pipeline = new Pipeline(settings, database)) {
                    pipeline.backfill();
                    heap.begin(db.dataSource());
                    long started = System.nanoTime();
                    RunResult result = pipeline.once();
                    Pass pass = heap.end(files, processed(result), System.nanoTime() - started);
                    long left;
                    try (Stream<Path> listed = Files.list(inbox)) {
                        left = listed.filter(Files::isRegularFile).count();
                    }
                    return new InboxRun(pass, result, left);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                dropExternalSchema(db);
            }
        }
    }

    /**
     * PostgreSQL's CPU per artifact beside the JVM's, and the rate the machine's cores would allow
     * if they did nothing but that CPU work: the physical floor of each pass on this machine.
     */
    private static void printFloor(List<Repeat> results) {
        double pipelineServer = median(results, r -> r.pipeline.firstPass.serverCpuMicrosPerArtifact());
        double baselineServer = median(results, r -> r.baseline.pass.serverCpuMicrosPerArtifact());
        if (Double.isNaN(pipelineServer) || Double.isNaN(baselineServer)) {
            System.out.println("CPU of PostgreSQL per artifact: not read (the server is not a process of this Linux machine)");
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double pipelineJvm = median(results, r -> r.pipeline.firstPass.cpuMicrosPerArtifact());
        double baselineJvm = median(results, r -> r.baseline.pass.cpuMicrosPerArtifact());
        System.out.printf(Locale.ROOT, "CPU of PostgreSQL per artifact, all its processes%s: pipeline first pass %.1f us,"
                        + " baseline %.1f us%n", results.size() > 1 ? " (median of the runs)" : "", pipelineServer, baselineServer);
        System.out.printf(Locale.ROOT, "  with every core busy and nothing else on them, %d cores would allow at most %.0f artifacts/s"
                        + " for the pipeline's first pass and %.0f for the baseline (JVM and PostgreSQL CPU per artifact together)%n",
                cores, cores * 1e6 / (pipelineJvm + pipelineServer), cores * 1e6 / (baselineJvm + baselineServer));
        double inboxJvm = median(results, r -> r.inbox.pass.cpuMicrosPerArtifact());
        double inboxServer = median(results, r -> r.inbox.pass.serverCpuMicrosPerArtifact());
        System.out.printf(Locale.ROOT, "  the inbox pass: %.1f us of the JVM's CPU and %.1f us of PostgreSQL's per file, so at most %.0f files/s%n",
                inboxJvm, inboxServer, cores * 1e6 / (inboxJvm + inboxServer));
    }

    /** The baseline on a fresh database with the same artifacts. */
    private BaselineRun measureBaseline(int count, Path folder) {
        try (TestDatabase db = TestDatabase.start()) {
            try {
                new Migrations(db.dataSource()).migrate();
                SyntheticArtifacts.insert(db.dataSource(), count);
                db.execute("VACUUM ANALYZE artifacts");
                Settings settings = Settings.defaultsWith(Map.of());
                PlainJdbcBaseline baseline = new PlainJdbcBaseline(db.dataSource(), settings);
                heap.begin(db.dataSource());
                long started = System.nanoTime();
                PlainJdbcBaseline.Result result = baseline.run("bench-baseline");
                Pass pass = heap.end(count, result.artifacts(), System.nanoTime() - started);
                return new BaselineRun(pass, result, Outcome.of(db, folder.resolve("outcome.txt")));
            } finally {
                dropExternalSchema(db);
            }
        }
    }

    /** Prints the results; false when the comparison is not valid (a pass incomplete, or the outcomes differ). */
    private boolean print(List<Repeat> results) {
        Repeat last = results.get(results.size() - 1);
        PlainJdbcBaseline.Result base = last.baseline.result;
        System.out.printf(Locale.ROOT, "%-40s %s%n", "channels, pipeline first pass, run #" + last.number + ":",
                last.pipeline.firstResult.countsLine());
        System.out.printf(Locale.ROOT, "%-40s promote %d, candidate %d, review %d, failed %d%n",
                "channels, baseline, run #" + last.number + ":", base.count(Channel.PROMOTE), base.count(Channel.CANDIDATE), base.count(Channel.REVIEW), base.count(Channel.FAILED));
        System.out.println();
        String format = "%-4s %-36s %15s %9s %12s %12s %18s%n";
        System.out.printf(Locale.ROOT, format, "run", "pass", "artifacts", "seconds", "artifacts/s", "vs baseline",
                "heap after GC MB");
        System.out.printf(Locale.ROOT, format, "", "", "", "", "", "", "peak / at end");
        for (Repeat r : results) {
            String run = "#" + r.number;
            double baseRate = r.baseline.pass.rate();
            System.out.printf(Locale.ROOT, "%-4s %-36s %15s %9.2f %12s %12s %18s%n", run, "pipeline start-up, empty scan",
                    "0", r.pipeline.startUpNanos / 1e9, "-", "-", "-");
            row(run, "pipeline first pass (writes)", r.pipeline.firstPass, baseRate);
            row(run, "pipeline re-scan (unchanged)", r.pipeline.rescanPass, baseRate);
            if (r.pipeline.jarRescanPass != null) {
                row(run, "jar backfill, unchanged, end to end", r.pipeline.jarRescanPass, baseRate);
            }
            row(run, "pipeline inbox, run --once (files)", r.inbox.pass, baseRate);
            row(run, "plain-Java baseline", r.baseline.pass, baseRate);
        }
        System.out.println();
        if (results.size() > 1) {
            System.out.printf(Locale.ROOT, "median of %d repeats, artifacts/s: pipeline first pass %.1f, re-scan %.1f, baseline %.1f%n",
                    results.size(), median(results, r -> r.pipeline.firstPass.rate()),
                    median(results, r -> r.pipeline.rescanPass.rate()), median(results, r -> r.baseline.pass.rate()));
        }
        double firstRatio = median(results, r -> r.pipeline.firstPass.rate() / r.baseline.pass.rate());
        double rescanRatio = median(results, r -> r.pipeline.rescanPass.rate() / r.baseline.pass.rate());
        System.out.printf(Locale.ROOT, "ratio pipeline/baseline, artifacts per second%s: first pass %.2f, unchanged re-scan %.2f%n",
                results.size() > 1 ? " (median of the runs)" : "", firstRatio, rescanRatio);
        System.out.printf(Locale.ROOT, "  (the baseline does %.1f times the pipeline's first-pass rate, %.1f times its re-scan rate)%n",
                1 / firstRatio, 1 / rescanRatio);
        System.out.printf(Locale.ROOT, "CPU of this JVM per artifact, all its threads (PostgreSQL is another process)%s:"
                        + " pipeline first pass %.1f us, baseline %.1f us%n", results.size() > 1 ? " (median of the runs)" : "",
                median(results, r -> r.pipeline.firstPass.cpuMicrosPerArtifact()),
                median(results, r -> r.baseline.pass.cpuMicrosPerArtifact()));
        printFloor(results);
        System.out.printf(Locale.ROOT, "baseline time, run #%d: assessment (envelope, normalize, validate, references, gate)"
                        + " %.2f s, batched writes and commits %.2f s, streamed read and JSON parse %.2f s%n",
                last.number, base.assessNanos() / 1e9, base.writeNanos() / 1e9,
                (last.baseline.pass.nanos() - base.assessNanos() - base.writeNanos()) / 1e9);
        System.out.printf(Locale.ROOT, "baseline assessment, run #%d: the rules %.1f us of CPU per artifact (envelope to gate,"
                        + " look-ups left out); %d reference look-ups (%.2f per artifact), %.2f s of round trips to PostgreSQL%n",
                last.number, base.rulesCpuNanos() / 1e3 / Math.max(1, base.artifacts()), base.lookUps(),
                (double) base.lookUps() / Math.max(1, base.artifacts()), base.lookUpNanos() / 1e9);

        System.out.printf(Locale.ROOT, "inbox, run #%d: %s; files left in the inbox: %d%n", last.number,
                last.inbox.result.countsLine(), last.inbox.filesLeft);
        if (last.pipeline.jarRescanPass == null) {
            System.out.println("jar backfill: not measured, target/modelgate.jar is not built (mvn -B -q -DskipTests package)");
        }
        boolean complete = results.stream().allMatch(r -> r.pipeline.firstPass.complete() && r.pipeline.rescanPass.complete()
                && (r.pipeline.jarRescanPass == null || r.pipeline.jarRescanPass.complete())
                && r.inbox.pass.complete() && r.inbox.filesLeft == 0 && r.baseline.pass.complete());
        boolean same = results.stream().allMatch(r -> r.pipeline.outcome.same(r.baseline.outcome));
        if (!complete) {
            Pass first = last.pipeline.firstPass;
            System.out.printf(Locale.ROOT, "INCOMPLETE: the pipeline's backfill went through %d of %d model artifacts and still"
                            + " ended as %s; the rates above are over the artifacts each pass went through, and the two"
                            + " databases cannot be compared%n",
                    first.processed(), first.artifacts(), last.pipeline.firstResult.succeeded() ? "succeeded" : "failed");
        } else if (same) {
            System.out.printf(Locale.ROOT, "outcome: the model_versions rows, the models' artifacts.metadata and the events are"
                    + " identical in the pipeline's and the baseline's database (%d rows, %d events)%n",
                    last.pipeline.outcome.versions(), last.pipeline.outcome.events());
        } else {
            System.out.println("MISMATCH: the pipeline's and the baseline's databases differ, so the comparison is not valid");
            for (Repeat r : results) {
                for (String difference : r.pipeline.outcome.differences(r.baseline.outcome, 10)) {
                    System.out.printf(Locale.ROOT, "  run #%d, %s%n", r.number, difference);
                }
            }
        }
        System.out.printf(Locale.ROOT, "re-scan: %s; the pipeline's log, reports and review tickets are under %s%n",
                last.pipeline.rescanResult.countsLine(), WORK);
        return complete && same;
    }

    private static void row(String run, String label, Pass pass, double baselineRate) {
        String artifacts = pass.complete() ? String.valueOf(pass.artifacts()) : pass.processed() + " of " + pass.artifacts();
        System.out.printf(Locale.ROOT, "%-4s %-36s %15s %9.2f %12.1f %12.2f %18s%n", run, label, artifacts,
                pass.nanos() / 1e9, pass.rate(), pass.rate() / baselineRate,
                pass.heapAtEnd() < 0 ? "(another process)" : mb(pass.peakHeapAfterGc()) + " / " + mb(pass.heapAtEnd()));
    }

    private static double median(List<Repeat> results, ToDoubleFunction<Repeat> value) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** With MODELGATE_TEST_DB_URL each database is a schema of its own: drop it when done. */
    private static void dropExternalSchema(TestDatabase db) {
        if (!external()) {
            return;
        }
        String schema = db.single("SELECT current_schema()");
        if (schema != null && schema.matches("mg_test_[0-9a-f]{12}")) {
            db.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static boolean external() {
        String url = System.getenv(TestDatabase.EXTERNAL_URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    private static int positive(String text, String what) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("usage: ThroughputBenchmark [ARTIFACTS (default " + DEFAULT_ARTIFACTS + ")] [REPEATS (default 1)]"
                + " [INBOX FILES (default " + DEFAULT_INBOX_FILES + ")];"
                + " the " + what + " must be a whole number above 0, got '" + text + "'");
        System.exit(2);
        return 0;
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The artifacts a pipeline run went through, whatever their channel. */
    private static int processed(RunResult result) {
        return result.count("promote") + result.count("candidate") + result.count("review") + result.count("failed");
    }

    /**
     * One timed pass: the model artifacts in the table, how many of them the pass went through, how
     * long it took, and the heap in use after garbage collection.
     *
     * @param serverCpuNanos PostgreSQL's CPU time during the pass, -1 when it could not be read ({@link ServerCpu})
     */
    record Pass(int artifacts, int processed, long nanos, long peakHeapAfterGc, long heapAtEnd, long cpuNanos, long serverCpuNanos) {
        double rate() {
            return processed / (nanos / 1e9);
        }

        /** Microseconds of this JVM's CPU (every thread of it) per artifact during the pass. */
        double cpuMicrosPerArtifact() {
            return cpuNanos / 1e3 / Math.max(1, processed);
        }

        /** Microseconds of PostgreSQL's CPU per artifact during the pass; NaN when it could not be read. */
        double serverCpuMicrosPerArtifact() {
            return serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / Math.max(1, processed);
        }

        boolean complete() {
            return processed == artifacts;
        }
    }

    record PipelineRun(long startUpNanos, Pass firstPass, Pass rescanPass, Pass jarRescanPass, RunResult firstResult,
                       RunResult rescanResult, Outcome outcome) {
    }

    record InboxRun(Pass pass, RunResult result, long filesLeft) {
    }

    record BaselineRun(Pass pass, PlainJdbcBaseline.Result result, Outcome outcome) {
    }

    record Repeat(int number, PipelineRun pipeline, BaselineRun baseline, InboxRun inbox) {
    }

    /**
     * What a pass left in the database: per model artifact, a checksum of its model_versions row
     * (promotion columns, notes and every WS1 column), of its title and artifacts.metadata, and of
     * its events without their run ids. The lines are kept in a file of the pass, so that a
     * mismatch can name the artifacts that differ.
     */
    record Outcome(int versions, int events, String sum, Path lines) {
        static Outcome of(TestDatabase db, Path file) {
            List<String> lines = new ArrayList<>();
            for (List<String> row : db.rows("SELECT a.id, a.title, a.metadata::text,"
                    + " md5(concat_ws('|', mv.artifact_id, mv.is_external, mv.external_source_url,"
                    + " mv.external_source_version, mv.base_model_id, mv.code_repo_url, mv.code_commit_sha, mv.code_entrypoint,"
                    + " mv.training_started_at, mv.training_completed_at, mv.trained_by, mv.gpu_allocation_id,"
                    + " mv.training_params_json::text, mv.eval_metrics_json::text, mv.eval_dataset_artifact_id, mv.benchmark_id,"
                    + " mv.promotion_state, mv.promotion_notes, mv.decided_by)),"
                    + " (SELECT md5(string_agg(concat_ws('|', e.event, e.from_state, e.to_state, e.actor, e.reasons::text,"
                    + " e.metadata_before::text, e.metadata_after::text), E'\\n' ORDER BY e.id))"
                    + " FROM model_version_events e WHERE e.artifact_id = a.id)"
                    + " FROM artifacts a LEFT JOIN model_versions mv ON mv.artifact_id = a.id"
                    + " WHERE a.artifact_type = 'model' ORDER BY a.id")) {
                // metadata compared as a JSON value, not as text: jsonb keeps 2.0 as written, and the
                // catalog leaves a row whose metadata is equal as a value (2.0 = 2) as it was
                String metadata = Json.sha256(row.get(1) + ' ' + Json.canonical(Json.parse(row.get(2))));
                lines.add(row.get(0) + " row " + row.get(3) + " metadata " + metadata + " events " + row.get(4));
            }
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, lines);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Outcome(db.count("SELECT count(*) FROM model_versions"),
                    db.count("SELECT count(*) FROM model_version_events"), Json.sha256(String.join("\n", lines)), file);
        }

        boolean same(Outcome other) {
            return versions == other.versions && events == other.events && sum.equals(other.sum);
        }

        /** The first few artifacts whose lines differ, with the part that differs. */
        List<String> differences(Outcome other, int most) {
            try {
                Map<String, String> mine = byId(Files.readAllLines(lines));
                Map<String, String> theirs = byId(Files.readAllLines(other.lines));
                List<String> found = new ArrayList<>();
                for (String id : new java.util.TreeSet<>(java.util.stream.Stream.concat(mine.keySet().stream(),
                        theirs.keySet().stream()).toList())) {
                    String a = mine.getOrDefault(id, "");
                    String b = theirs.getOrDefault(id, "");
                    if (!a.equals(b) && found.size() < most) {
                        found.add(id + ": " + differingParts(a, b));
                    }
                }
                return found;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static Map<String, String> byId(List<String> lines) {
            Map<String, String> map = new java.util.HashMap<>();
            for (String line : lines) {
                int space = line.indexOf(' ');
                map.put(line.substring(0, space), line.substring(space + 1));
            }
            return map;
        }

        private static String differingParts(String a, String b) {
            String[] x = a.split(" ");
            String[] y = b.split(" ");
            List<String> parts = new ArrayList<>();
            for (int i = 0; i + 1 < Math.max(x.length, y.length); i += 2) {
                String name = i < x.length ? x[i] : y[i];
                String left = i + 1 < x.length ? x[i + 1] : "(absent)";
                String right = i + 1 < y.length ? y[i + 1] : "(absent)";
                if (!left.equals(right)) {
                    parts.add(name);
                }
            }
            return parts.isEmpty() ? "present on one side only" : String.join(", ", parts) + " differ";
        }
    }

    /**
     * The heap in use after garbage collection: the highest figure any collection left during a pass
     * (from the collectors' notifications, so the pass itself is not disturbed), and the figure
     * after a full collection at its end (Runtime totalMemory - freeMemory after System.gc()).
     */
    static final class HeapWatch implements NotificationListener {
        private final Set<String> heapPools;
        private final AtomicLong peak = new AtomicLong();
        private long cpuAtBegin;
        private DataSource server;
        private long serverCpuAtBegin;

        HeapWatch() {
            heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                }
            }
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(entry -> heapPools.contains(entry.getKey()))
                    .mapToLong(entry -> entry.getValue().getUsed())
                    .sum();
            peak.accumulateAndGet(used, Math::max);
        }

        /** @param server the database of the pass, whose server's CPU time is read too */
        void begin(DataSource server) {
            long used = usedAfterFullGc();
            peak.set(used);
            this.server = server;
            serverCpuAtBegin = ServerCpu.nanos(server);
            cpuAtBegin = processCpuNanos();
        }

        Pass end(int artifacts, int processed, long nanos) {
            long cpu = processCpuNanos() - cpuAtBegin;
            long serverCpuAtEnd = ServerCpu.nanos(server);
            long serverCpu = serverCpuAtBegin < 0 || serverCpuAtEnd < 0 ? -1 : serverCpuAtEnd - serverCpuAtBegin;
            long highest = peak.get();
            long atEnd = usedAfterFullGc();
            return new Pass(artifacts, processed, nanos, Math.max(highest, atEnd), atEnd, cpu, serverCpu);
        }

        /** The CPU time of this JVM, all its threads (workers, JIT compiler, garbage collector): less noisy than wall time on a shared machine. */
        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long usedAfterFullGc() {
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }
}
