package io.modelgate.app;

import io.modelgate.catalog.AssessmentMemo;
import io.modelgate.catalog.CatalogWriter;
import io.modelgate.catalog.DecisionRecords;
import io.modelgate.catalog.HeldDocuments;
import io.modelgate.catalog.HoldLog;
import io.modelgate.catalog.ModelCatalog;
import io.modelgate.catalog.RunLog;
import io.modelgate.catalog.ScanQueries;
import io.modelgate.config.Settings;
import io.modelgate.inbox.FilePolls;
import io.modelgate.inbox.FolderSelection;
import io.modelgate.inbox.InboxBatches;
import io.modelgate.inbox.InboxClaims;
import io.modelgate.inbox.InboxFiles;
import io.modelgate.inbox.InstancePresence;
import io.modelgate.output.ReviewQueue;
import io.modelgate.review.DecisionFiles;
import io.modelgate.review.DecisionReader;
import io.modelgate.review.ReviewTickets;
import io.modelgate.review.ReviewerDecisions;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.InputLimits;
import io.modelgate.rules.MetadataNormalizer;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.PromotionPolicy;
import io.modelgate.rules.ReferenceChecker;
import io.modelgate.rules.RulesFingerprint;
import io.modelgate.rules.ArtifactAssessor;
import io.modelgate.rules.SchemaCheck;
import io.modelgate.run.ClaimSkips;
import io.modelgate.run.DatabaseCircuit;
import io.modelgate.run.DatabaseProbe;
import io.modelgate.run.DatabaseRetry;
import io.modelgate.run.RunTracker;
import io.modelgate.scan.ArtifactRows;
import io.modelgate.scan.ScanRows;
import io.modelgate.scan.ScanWindow;
import io.modelgate.scan.SettledRows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The beans the routes call, by the names the routes use. One instance of each per pipeline;
 * none keeps static state.
 */
public final class PipelineBeans implements CamelConfiguration {
    static final String INBOX_CLAIMS = "modelgate-inbox";
    static final String DECISION_CLAIMS = "modelgate-decisions";
    /** Where reviewers drop decision files, inside the review queue. */
    public static final String DECISIONS_FOLDER = "decisions";
    private final Settings settings;
    private final DataSource dataSource;
    /** One compiled schema for the schema check and the catalog. */
    private final MetadataValidator validator;
    private final ModelCatalog catalog;
    /** The rules the scan's rows are assessed under (see ScanQueries). */
    private final String fingerprint;
    private final RunLog runLog;
    private final EnvelopeReader envelopeReader;
    /** The review queue's folder: tickets are written there and the run asks it which are open. */
    private final ReviewQueue reviewQueue;
    private final RunTracker runs;
    /** The inbox's files wait here for their batch, which goes once through route inbox-batch. */
    private final InboxBatches inboxBatches;
    /** The ends of the inbox's polls: gathered files go on, the poll's run ends; run --once waits for it. */
    private final FilePolls inboxPolls;
    /** Which entries of the inbox and of the decisions folder are read; the others are told to the run. */
    private final FolderSelection inboxSelection;
    private final FolderSelection decisionSelection;
    /** The ends of the polls of decision files, which run --once waits for. */
    private final FilePolls decisionPolls;
    /** The retries of the database steps outside the routes' error handling: claims, the scan's pages. */
    private final DatabaseRetry databaseRetry;
    /** Whether the database answers, asked within a bound (health, the end of a run while it is away). */
    private final DatabaseProbe probe;
    /** This process's presence in PostgreSQL, named by its claims on dropped files. */
    private final InstancePresence presence;
    private final ScheduledExecutorService claimReleases = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "modelgate-inbox-claim-release");
        thread.setDaemon(true);
        return thread;
    });

    public PipelineBeans(Settings settings, DataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.validator = new MetadataValidator();
        this.presence = new InstancePresence(dataSource);
        this.probe = new DatabaseProbe(dataSource);
        this.fingerprint = RulesFingerprint.of(settings);
        this.catalog = new ModelCatalog(dataSource, validator);
        this.runLog = new RunLog(dataSource);
        this.envelopeReader = new EnvelopeReader(InputLimits.from(settings));
        this.reviewQueue = new ReviewQueue(settings.getPath(Settings.REVIEW_QUEUE));
        Path extraSummary = settings.isSet(Settings.SUMMARY_JSON) ? settings.getPath(Settings.SUMMARY_JSON) : null;
        this.runs = new RunTracker(runLog, settings.get(Settings.REPORT), extraSummary,
                new DatabaseCircuit(Clock.systemUTC(), Duration.ofSeconds(settings.getInt(Settings.DB_AWAY_SECONDS))),
                probe, reviewQueue::isOpen);
        this.databaseRetry = new DatabaseRetry(settings.getInt(Settings.DB_RETRIES),
                settings.getInt(Settings.DB_RETRY_DELAY_MILLIS), runs.databaseCircuit(), runs.metrics()::databaseRetry);
        int inboxBatchSize = settings.getInt(Settings.INBOX_BATCH_SIZE);
        this.inboxBatches = new InboxBatches("direct:inbox-batch", runs, inboxBatchSize);
        // the daemon leaves its polls out while the database is away; run --once polls, and
        // reports every file it leaves
        BooleanSupplier databaseAway = () -> runs.ambientRun() == null && runs.databaseCircuit().isOpen();
        this.inboxSelection = new FolderSelection(settings.getPath(Settings.INBOX), runs, true);
        this.decisionSelection = new FolderSelection(settings.getPath(Settings.REVIEW_QUEUE).resolve(DECISIONS_FOLDER),
                runs, false);
        this.inboxPolls = new FilePolls(inboxSelection::tellLeftAlone, () -> {
            // files still waiting for their batch go on first
            inboxBatches.flush();
            runs.inboxPollDone();
        }, databaseAway);
        this.decisionPolls = new FilePolls(decisionSelection::tellLeftAlone, () -> { }, databaseAway);
    }

    @BindToRegistry("dataSource")
    public DataSource dataSource() {
        return dataSource;
    }

    /** The scan's rows, a page at a time: memory stays flat however many rows there are. */
    @BindToRegistry("scanRows")
    public ScanRows scanRows() {
        return new ScanRows(dataSource, databaseRetry, runs, settings.getInt(Settings.SCAN_FETCH_SIZE));
    }

    @BindToRegistry("scanQueries")
    public ScanQueries scanQueries() {
        return new ScanQueries(fingerprint);
    }

    @BindToRegistry("settledRows")
    public SettledRows settledRows() {
        return new SettledRows(runs, artifactRows());
    }

    @BindToRegistry("assessmentMemo")
    public AssessmentMemo assessmentMemo() {
        return new AssessmentMemo(dataSource, fingerprint);
    }

    @BindToRegistry("envelopeReader")
    public EnvelopeReader envelopeReader() {
        return envelopeReader;
    }

    @BindToRegistry("artifactRows")
    public ArtifactRows artifactRows() {
        return new ArtifactRows(envelopeReader, settings.getInt(Settings.SCAN_BATCH_SIZE));
    }

    @BindToRegistry("metadataNormalizer")
    public MetadataNormalizer metadataNormalizer() {
        return new MetadataNormalizer();
    }

    @BindToRegistry("schemaCheck")
    public SchemaCheck schemaCheck() {
        return new SchemaCheck(validator);
    }

    @BindToRegistry("referenceChecker")
    public ReferenceChecker referenceChecker() {
        return new ReferenceChecker(catalog);
    }

    @BindToRegistry("promotionPolicy")
    public PromotionPolicy promotionPolicy() {
        return new PromotionPolicy(settings.getList(Settings.EVAL_GATE_FAMILIES));
    }

    /** Steps 2 to 5 in plain Java (a reviewer's decision); route assess asks it which inputs to assess. */
    @BindToRegistry("artifactAssessor")
    public ArtifactAssessor artifactAssessor() {
        return new ArtifactAssessor(metadataNormalizer(), schemaCheck(), referenceChecker(), promotionPolicy());
    }

    @BindToRegistry("catalogWriter")
    public CatalogWriter catalogWriter() {
        return new CatalogWriter(catalog, new HeldDocuments(dataSource));
    }

    @BindToRegistry("reviewTickets")
    public ReviewTickets reviewTickets() {
        return new ReviewTickets(reviewQueue, new HoldLog(dataSource));
    }

    /** Reviewers' decisions, from decision files and from {@code modelgate review decide} alike. */
    public ReviewerDecisions reviewerDecisions() {
        return new ReviewerDecisions(new DecisionRecords(dataSource), new HeldDocuments(dataSource),
                artifactRows()::toAssessment, artifactAssessor(),
                assessmentMemo(), reviewQueue);
    }

    public DecisionReader decisionReader() {
        return new DecisionReader(envelopeReader);
    }

    @BindToRegistry("decisionFiles")
    public DecisionFiles decisionFiles() {
        return new DecisionFiles(decisionReader(), reviewerDecisions(),
                new InboxFiles(settings.getPath(Settings.REVIEW_QUEUE).resolve(DECISIONS_FOLDER)));
    }

    @BindToRegistry("inboxSelection")
    public FolderSelection inboxSelection() {
        return inboxSelection;
    }

    @BindToRegistry("decisionSelection")
    public FolderSelection decisionSelection() {
        return decisionSelection;
    }

    @BindToRegistry("decisionPolls")
    public FilePolls decisionPolls() {
        return decisionPolls;
    }

    @BindToRegistry("inboxFiles")
    public InboxFiles inboxFiles() {
        return new InboxFiles(settings.getPath(Settings.INBOX));
    }

    @BindToRegistry("scanWindow")
    public ScanWindow scanWindow() {
        return new ScanWindow(runLog, runs, Duration.ofSeconds(settings.getInt(Settings.SCAN_OVERLAP_SECONDS)));
    }

    @BindToRegistry("inboxBatches")
    public InboxBatches inboxBatches() {
        return inboxBatches;
    }

    @BindToRegistry("inboxPolls")
    public FilePolls inboxPolls() {
        return inboxPolls;
    }

    /** Counts each retry of a step the database failed (errors.camel.yaml), for the daemon's metrics. */
    @BindToRegistry("databaseRetries")
    public org.apache.camel.Processor databaseRetries() {
        return exchange -> runs.metrics().databaseRetry();
    }

    @BindToRegistry("runs")
    public RunTracker runs() {
        return runs;
    }

    /**
     * Claims on inbox files, kept in PostgreSQL (table camel_messageprocessed, created by V6) so
     * that instances sharing the inbox and the database read each file once. A claim not
     * refreshed for 20 s belongs to a crashed instance and may be taken over.
     */
    @Override
    public void configure(CamelContext camelContext) {
        // Settings has already weighed defaults, --config, environment and flags; Camel must not
        // let an environment variable (MODELGATE_INBOX) win over a flag (--inbox) on its own
        var properties = (PropertiesComponent) camelContext.getPropertiesComponent();
        properties.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        properties.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);

        camelContext.getRegistry().bind("inboxClaims", claims(INBOX_CLAIMS, camelContext, runs.inboxSkips()));
        // decision files are claimed the same way, apart from the inbox's
        camelContext.getRegistry().bind("decisionClaims", claims(DECISION_CLAIMS, camelContext, runs.decisionSkips()));

        // the scan's batches: this many at once, and no more waiting in line than that, so the
        // streamed rows are read only as fast as they are worked on (memory stays flat); the
        // scan's own thread works on a batch when every worker is busy
        int workers = settings.getInt(Settings.SCAN_WORKERS);
        ThreadPoolProfile scanPool = new ThreadPoolProfileBuilder("modelgate-scan").poolSize(workers)
                .maxPoolSize(workers).maxQueueSize(workers).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        camelContext.getRegistry().bind("scanWorkers",
                camelContext.getExecutorServiceManager().newThreadPool(this, "modelgate-scan", scanPool));
        camelContext.getRegistry().bind("inboxClaimReleases", claimReleases);
    }

    private InboxClaims claims(String processorName, CamelContext camelContext, ClaimSkips skips) {
        InboxClaims claims = new InboxClaims(dataSource, processorName, camelContext, presence, skips, databaseRetry);
        claims.setLockMaxAgeMillis(settings.getInt(Settings.CLAIM_EXPIRY_MILLIS));
        claims.setLockKeepAliveIntervalMillis(settings.getInt(Settings.CLAIM_REFRESH_MILLIS));
        return claims;
    }

    /**
     * Releases claims a moment after their file has moved: Camel drops a claim just before it
     * renames the file, and another instance must not claim and read it in between.
     */
    public void awaitClaimReleases() throws InterruptedException {
        claimReleases.shutdown();
        claimReleases.awaitTermination(settings.getInt(Settings.CLAIM_RELEASE_MILLIS) + 10_000L, TimeUnit.MILLISECONDS);
        // the claims are released: this instance's presence can go
        presence.close();
        probe.close();
    }

    public DatabaseProbe databaseProbe() {
        return probe;
    }

    public ModelCatalog catalog() {
        return catalog;
    }
}
