package io.modelgate.app;

import io.modelgate.catalog.CatalogWriter;
import io.modelgate.catalog.DecisionRecords;
import io.modelgate.catalog.HeldDocuments;
import io.modelgate.catalog.HoldLog;
import io.modelgate.catalog.ModelCatalog;
import io.modelgate.catalog.RunLog;
import io.modelgate.config.Settings;
import io.modelgate.inbox.FilePolls;
import io.modelgate.inbox.FolderSelection;
import io.modelgate.inbox.InboxBatches;
import io.modelgate.inbox.InboxClaims;
import io.modelgate.inbox.InboxFiles;
import io.modelgate.inbox.InstancePresence;
import io.modelgate.model.ReviewQueueLayout;
import io.modelgate.review.DecisionFiles;
import io.modelgate.review.DecisionReader;
import io.modelgate.review.ReviewQueue;
import io.modelgate.review.ReviewTickets;
import io.modelgate.review.ReviewerDecisions;
import io.modelgate.rules.ArtifactAssessor;
import io.modelgate.rules.EnvelopeReader;
import io.modelgate.rules.MetadataNormalizer;
import io.modelgate.rules.MetadataValidator;
import io.modelgate.rules.PromotionPolicy;
import io.modelgate.rules.ReferenceChecker;
import io.modelgate.rules.RulesFingerprint;
import io.modelgate.rules.SchemaCheck;
import io.modelgate.run.ClaimSkips;
import io.modelgate.run.DatabaseCircuit;
import io.modelgate.run.DatabaseProbe;
import io.modelgate.run.DatabaseRetry;
import io.modelgate.run.RunTracker;
import io.modelgate.run.UnsettledInputs;
import io.modelgate.scan.ArtifactRows;
import io.modelgate.scan.AssessmentMemo;
import io.modelgate.scan.ScanRows;
import io.modelgate.scan.ScanWindow;
import io.modelgate.scan.SettledRows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The composition of the pipeline: every bean the routes call, built once from typed settings
 * ({@link PipelineSettings}) and bound under the name the routes use, plus the Camel
 * configuration those beans need (claims, the scan's workers, how properties are read). The
 * lifecycle of what they hold open (claims released, presence, probe) ends in
 * {@link #awaitClaimReleases}. No bean keeps static state.
 */
public final class PipelineBeans implements CamelConfiguration {
    static final String INBOX_CLAIMS = "modelgate-inbox";
    static final String DECISION_CLAIMS = "modelgate-decisions";
    private final PipelineSettings settings;
    private final DataSource dataSource;
    /** This process's presence in PostgreSQL, named by its claims on dropped files. */
    private final InstancePresence presence;
    /** Whether the database answers, asked within a bound (health, the end of a run while it is away). */
    private final DatabaseProbe probe;
    private final RunTracker runs;
    /** Inputs left for the next run while the database cannot be reached (routes/errors.camel.yaml). */
    private final UnsettledInputs unsettledInputs;
    /** The retries of the database steps outside the routes' error handling: claims, the scan's pages. */
    private final DatabaseRetry databaseRetry;
    private final RunLog runLog;

    private final EnvelopeReader envelopeReader;
    private final MetadataNormalizer metadataNormalizer = new MetadataNormalizer();
    private final SchemaCheck schemaCheck;
    private final ReferenceChecker referenceChecker;
    private final PromotionPolicy promotionPolicy;
    private final ArtifactAssessor artifactAssessor;
    private final CatalogWriter catalogWriter;
    /** The rules the scan's rows are assessed under (see scan.ScanQueries). */
    private final String fingerprint;

    private final ScanRows scanRows;
    private final ArtifactRows artifactRows;
    private final SettledRows settledRows;
    private final AssessmentMemo assessmentMemo;
    private final ScanWindow scanWindow;

    /** The inbox's files wait here for their batch, which goes once through route inbox-batch. */
    private final InboxBatches inboxBatches;
    private final InboxFiles inboxFiles;
    /** Which entries of the inbox and of the decisions folder are read; the others are told to the run. */
    private final FolderSelection inboxSelection;
    private final FolderSelection decisionSelection;
    /** The ends of the inbox's polls: gathered files go on, the poll's run ends; run --once waits for it. */
    private final FilePolls inboxPolls;
    /** The ends of the polls of decision files, which run --once waits for. */
    private final FilePolls decisionPolls;

    /** The review queue's folder: tickets are written there and the run asks it which are open. */
    private final ReviewQueue reviewQueue;
    private final ReviewTickets reviewTickets;
    private final DecisionReader decisionReader;
    private final ReviewerDecisions reviewerDecisions;
    private final DecisionFiles decisionFiles;

    private final ScheduledExecutorService claimReleases = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "modelgate-inbox-claim-release");
        thread.setDaemon(true);
        return thread;
    });

    public PipelineBeans(Settings settings, DataSource dataSource) {
        this(PipelineSettings.from(settings), dataSource);
    }

    public PipelineBeans(PipelineSettings settings, DataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        PipelineSettings.Folders folders = settings.folders();
        this.presence = new InstancePresence(dataSource);
        this.probe = new DatabaseProbe(dataSource);
        this.runLog = new RunLog(dataSource);
        this.reviewQueue = new ReviewQueue(folders.reviewQueue());
        this.runs = new RunTracker(runLog, folders.report(), folders.summaryJson(),
                new DatabaseCircuit(Clock.systemUTC(), settings.database().away()), probe, reviewQueue::isOpen);
        this.unsettledInputs = new UnsettledInputs(runs);
        this.databaseRetry = new DatabaseRetry(settings.database().retries(), settings.database().retryDelayMillis(),
                runs.databaseCircuit(), runs.metrics()::databaseRetry);

        // the rules, and the catalog they write to; one compiled schema for the check and the catalog
        MetadataValidator validator = new MetadataValidator();
        ModelCatalog catalog = new ModelCatalog(dataSource, validator);
        HeldDocuments heldDocuments = new HeldDocuments(dataSource);
        this.envelopeReader = new EnvelopeReader(settings.rules().limits());
        this.schemaCheck = new SchemaCheck(validator);
        this.referenceChecker = new ReferenceChecker(catalog);
        this.promotionPolicy = new PromotionPolicy(settings.rules().evalGateFamilies());
        this.artifactAssessor = new ArtifactAssessor(metadataNormalizer, schemaCheck, referenceChecker, promotionPolicy);
        this.catalogWriter = new CatalogWriter(catalog, heldDocuments);
        this.fingerprint = RulesFingerprint.of(settings.rules());

        // the scan
        this.scanRows = new ScanRows(dataSource, databaseRetry, runs, settings.scan().fetchSize(), fingerprint);
        this.artifactRows = new ArtifactRows(envelopeReader, settings.scan().batchSize());
        this.settledRows = new SettledRows(runs, artifactRows);
        this.assessmentMemo = new AssessmentMemo(dataSource, fingerprint);
        this.scanWindow = new ScanWindow(runLog, dataSource, runs, settings.scan().overlap());

        // the reviewer's side
        this.reviewTickets = new ReviewTickets(reviewQueue, new HoldLog(dataSource));
        this.decisionReader = new DecisionReader(envelopeReader);
        this.reviewerDecisions = new ReviewerDecisions(new DecisionRecords(dataSource), heldDocuments,
                artifactRows::toAssessment, artifactAssessor, assessmentMemo, reviewQueue);
        Path decisionsFolder = folders.reviewQueue().resolve(ReviewQueueLayout.DECISIONS);
        this.decisionFiles = new DecisionFiles(decisionReader, reviewerDecisions, new InboxFiles(decisionsFolder));

        // the two file inputs
        this.inboxBatches = new InboxBatches("direct:inbox-batch", unsettledInputs, settings.inbox().batchSize());
        this.inboxFiles = new InboxFiles(folders.inbox());
        this.inboxSelection = new FolderSelection(folders.inbox(), runs, true);
        this.decisionSelection = new FolderSelection(decisionsFolder, runs, false);
        // the daemon leaves its polls out while the database is away; run --once polls, and
        // reports every file it leaves
        BooleanSupplier databaseAway = () -> runs.ambientRun() == null && runs.databaseCircuit().isOpen();
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
        return scanRows;
    }

    @BindToRegistry("settledRows")
    public SettledRows settledRows() {
        return settledRows;
    }

    @BindToRegistry("assessmentMemo")
    public AssessmentMemo assessmentMemo() {
        return assessmentMemo;
    }

    @BindToRegistry("envelopeReader")
    public EnvelopeReader envelopeReader() {
        return envelopeReader;
    }

    @BindToRegistry("artifactRows")
    public ArtifactRows artifactRows() {
        return artifactRows;
    }

    @BindToRegistry("metadataNormalizer")
    public MetadataNormalizer metadataNormalizer() {
        return metadataNormalizer;
    }

    @BindToRegistry("schemaCheck")
    public SchemaCheck schemaCheck() {
        return schemaCheck;
    }

    @BindToRegistry("referenceChecker")
    public ReferenceChecker referenceChecker() {
        return referenceChecker;
    }

    @BindToRegistry("promotionPolicy")
    public PromotionPolicy promotionPolicy() {
        return promotionPolicy;
    }

    /** Steps 2 to 5 in plain Java (a reviewer's decision); route assess asks it which inputs to assess. */
    @BindToRegistry("artifactAssessor")
    public ArtifactAssessor artifactAssessor() {
        return artifactAssessor;
    }

    @BindToRegistry("catalogWriter")
    public CatalogWriter catalogWriter() {
        return catalogWriter;
    }

    @BindToRegistry("reviewTickets")
    public ReviewTickets reviewTickets() {
        return reviewTickets;
    }

    /** Reviewers' decisions, from decision files and from {@code modelgate review decide} alike. */
    public ReviewerDecisions reviewerDecisions() {
        return reviewerDecisions;
    }

    public DecisionReader decisionReader() {
        return decisionReader;
    }

    @BindToRegistry("decisionFiles")
    public DecisionFiles decisionFiles() {
        return decisionFiles;
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
        return inboxFiles;
    }

    @BindToRegistry("scanWindow")
    public ScanWindow scanWindow() {
        return scanWindow;
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

    @BindToRegistry("unsettledInputs")
    public UnsettledInputs unsettledInputs() {
        return unsettledInputs;
    }

    public DatabaseProbe databaseProbe() {
        return probe;
    }

    /**
     * The Camel side: properties read from the settings alone, the claims on inbox and decision
     * files (table camel_messageprocessed, so that instances sharing the folders and the database
     * read each file once), and the scan's workers.
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
        int workers = settings.scan().workers();
        ThreadPoolProfile scanPool = new ThreadPoolProfileBuilder("modelgate-scan").poolSize(workers)
                .maxPoolSize(workers).maxQueueSize(workers).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        camelContext.getRegistry().bind("scanWorkers",
                camelContext.getExecutorServiceManager().newThreadPool(this, "modelgate-scan", scanPool));
        camelContext.getRegistry().bind("inboxClaimReleases", claimReleases);
    }

    private InboxClaims claims(String processorName, CamelContext camelContext, ClaimSkips skips) {
        InboxClaims claims = new InboxClaims(dataSource, processorName, camelContext, presence, skips, databaseRetry);
        claims.setLockMaxAgeMillis(settings.inbox().claimExpiryMillis());
        claims.setLockKeepAliveIntervalMillis(settings.inbox().claimRefreshMillis());
        return claims;
    }

    /**
     * Releases claims a moment after their file has moved: Camel drops a claim just before it
     * renames the file, and another instance must not claim and read it in between. Then this
     * instance's presence and probe end.
     */
    public void awaitClaimReleases() throws InterruptedException {
        claimReleases.shutdown();
        claimReleases.awaitTermination(settings.inbox().claimReleaseMillis() + 10_000L, TimeUnit.MILLISECONDS);
        // the claims are released: this instance's presence can go
        presence.close();
        probe.close();
    }
}
