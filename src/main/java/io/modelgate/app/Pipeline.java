package io.modelgate.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.modelgate.config.Settings;
import io.modelgate.db.Database;
import io.modelgate.db.DatabaseErrors;
import io.modelgate.model.ReviewQueueLayout;
import io.modelgate.run.DatabaseHealthCheck;
import io.modelgate.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel application: the routes of {@code routes/*.camel.yaml} (packed into the jar) with the
 * beans of {@link PipelineBeans}, and the ways to drive it: one backfill, one pass over the inbox
 * and the changed artifacts, or the daemon.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /**
     * The route files, named one by one: a wildcard would make Camel scan every entry of the
     * packed jar for them, which costs more than a second at every start.
     */
    public static final List<String> ROUTE_FILES = List.of("errors", "files", "inbox", "decisions", "pipeline", "scan");
    /** The daemon's schedule, loaded by {@link #runUntilStopped} only. */
    public static final String SCHEDULE_ROUTE_FILE = "schedule";
    /** Camel's switches for tracing and JMX: off in one-shot commands, on in the daemon. */
    private static final String OPENTELEMETRY = "camel.opentelemetry2.enabled";
    private static final String JMX = "camel.main.jmxEnabled";

    private final Main main;
    private final PipelineBeans beans;
    private final Settings settings;
    /** The settings as Camel reads them, with the switches of its HTTP server and metrics. */
    private final Properties camelProperties;
    private boolean started;

    public Pipeline(Settings settings, Database database) {
        this(settings, database.dataSource());
    }

    /** A pipeline on these connections; starting it uses none of them, only the runs do. */
    public Pipeline(Settings settings, DataSource connections) {
        this.settings = settings;
        this.beans = new PipelineBeans(settings, connections);
        this.main = new Main();
        camelProperties = camelProperties(settings);
        main.setOverrideProperties(camelProperties);
        wire(main.configure(), beans, ROUTE_FILES);
        // a name of its own, so two pipelines in one JVM (tests of shared inboxes) keep apart
        // their Quartz schedulers
        main.configure().withName("modelgate-" + UUID.randomUUID().toString().substring(0, 8));
        // on SIGTERM, in-flight files and artifacts get this long to finish before Camel stops
        main.configure().withShutdownTimeout(30);
    }

    /**
     * The routes of these files with these beans, as every pipeline (and the route tests) loads
     * them.
     */
    public static void wire(MainConfigurationProperties configuration, PipelineBeans beans, List<String> routeFiles) {
        configuration.withRoutesIncludePattern(routes(routeFiles));
        configuration.addConfiguration(beans);
        // bodies are artifacts, rows and an inbox file read once by the envelope reader: nothing
        // to cache, and checking every body at every step of every artifact costs time
        configuration.withStreamCachingEnabled(false);
    }

    /** The settings as Camel reads them, with its HTTP server and metrics off. */
    public static Properties camelProperties(Settings settings) {
        Properties properties = settings.asProperties();
        // camel-observability-services turns Camel's HTTP server and metrics on wherever it is on
        // the classpath (port 8080, every interface): only the daemon opens them, on its own terms
        properties.setProperty("camel.management.enabled", "false");
        properties.setProperty("camel.metrics.enabled", "false");
        // it turns OpenTelemetry tracing on as well, and camel-management JMX: both instrument every
        // step of every exchange (a span and statistics per processor, an MBean per route, endpoint
        // and processor at start) and nothing reads them in a one-shot command; the daemon keeps them
        properties.setProperty(OPENTELEMETRY, "false");
        properties.setProperty(JMX, "false");
        return properties;
    }

    /** Scans every model artifact in the database once; returns the run's outcome. */
    public RunResult backfill() {
        start();
        beans.runs().beginAmbient("backfill");
        return runAmbient(() -> template().sendBodyAndHeaders("direct:scan", null,
                Map.of("modelgateFullScan", true)));
    }

    /** The inbox's files now plus one scan of artifacts changed since the last scan. */
    public RunResult once() {
        start();
        beans.runs().beginAmbient("once");
        // how long a one-shot run waits for the inbox poll to finish before giving up
        long pollTimeoutMillis = settings.getInt(Settings.POLL_TIMEOUT_SECONDS) * 1000L;
        return runAmbient(() -> {
            CamelContext context = main.getCamelContext();
            try {
                context.getRouteController().startRoute("inbox");
                if (!beans.inboxPolls().await(pollTimeoutMillis)) {
                    LOG.warn("the inbox poll did not finish in time; files left are read by the next run");
                }
                context.getRouteController().stopRoute("inbox");
                // then the reviewers' decision files, before the scan reports the rows they decide
                context.getRouteController().startRoute("decisions");
                if (!beans.decisionPolls().await(pollTimeoutMillis)) {
                    LOG.warn("the poll of decision files did not finish in time; files left are read by the next run");
                }
                context.getRouteController().stopRoute("decisions");
            } catch (Exception e) {
                throw new IllegalStateException("the inbox route failed: " + e.getMessage(), e);
            }
            template().sendBodyAndHeaders("direct:scan", null, Map.of("modelgateFullScan", false));
        });
    }

    /**
     * The daemon: watches the inbox and scans on the schedule until the process is stopped
     * (SIGTERM); the scheduled scan runs while this daemon leads {@code leadership}.
     */
    public void runUntilStopped(CamelClusterService leadership) throws Exception {
        List<String> files = new ArrayList<>(ROUTE_FILES);
        files.add(SCHEDULE_ROUTE_FILE);
        main.configure().withRoutesIncludePattern(routes(files));
        // tracing and JMX as Camel's defaults with camel-observability-services have them
        camelProperties.setProperty(OPENTELEMETRY, "true");
        camelProperties.setProperty(JMX, "true");
        int healthPort = settings.getInt(Settings.HEALTH_PORT);
        if (healthPort > 0) {
            // health (DOWN while the database is away) and metrics, for the daemon only
            camelProperties.setProperty("camel.management.enabled", "true");
            camelProperties.setProperty("camel.management.host", settings.get(Settings.HEALTH_HOST));
            camelProperties.setProperty("camel.management.port", String.valueOf(healthPort));
            camelProperties.setProperty("camel.management.healthCheckEnabled", "true");
            camelProperties.setProperty("camel.management.metricsEnabled", "true");
            camelProperties.setProperty("camel.metrics.enabled", "true");
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport support) {
                // the scheduled scan runs on the leader only (master: in routes/schedule.camel.yaml)
                try {
                    support.getCamelContext().addService(leadership);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the cluster service: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterStart(BaseMainSupport support) {
                try {
                    CamelContext context = support.getCamelContext();
                    if (settings.getInt(Settings.HEALTH_PORT) > 0) {
                        watchHealth(context);
                    }
                    context.getRouteController().startRoute("inbox");
                    context.getRouteController().startRoute("decisions");
                    context.getRouteController().startRoute("scheduled-scan");
                    LOG.info("modelgate is running: {}; stop with SIGTERM", runningLine(new java.util.Date()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the daemon's routes: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterStop(BaseMainSupport support) {
                LOG.info("modelgate stopped: in-flight files and artifacts were finished first");
            }
        });
        main.run();
    }

    /**
     * What the daemon watches and serves, for the lines it starts with: the inbox, the review queue
     * with its decision files, the health URL (or that there is none), and the schedule with its
     * next scan. One fact per line, so that each fits a terminal's 100 columns.
     */
    String runningLine(java.util.Date now) {
        String cron = settings.get(Settings.SCAN_CRON);
        String nextScan;
        try {
            java.util.Date next = new org.quartz.CronExpression(cron).getNextValidTimeAfter(now);
            nextScan = next == null ? "none to come" : "next at " + java.time.format.DateTimeFormatter
                    .ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC).format(next.toInstant());
        } catch (java.text.ParseException e) {
            nextScan = "the schedule cannot be read";
        }
        int healthPort = settings.getInt(Settings.HEALTH_PORT);
        String health = healthPort > 0
                ? "health at http://" + settings.get(Settings.HEALTH_HOST) + ":" + healthPort + "/observe/health"
                : "no health endpoint (modelgate.health.port=0)";
        java.nio.file.Path reviewQueue = settings.getPath(Settings.REVIEW_QUEUE).toAbsolutePath();
        return "inbox " + settings.getPath(Settings.INBOX).toAbsolutePath()
                + "\n  review queue " + reviewQueue + " (decision files in "
                + reviewQueue.resolve(ReviewQueueLayout.DECISIONS) + ")"
                + "\n  " + health
                + "\n  scan on \"" + cron + "\" (" + nextScan + ")";
    }

    /** The daemon's own health check (the database) and metrics, beside Camel's. */
    private void watchHealth(CamelContext context) {
        HealthCheckRegistry.get(context).register(
                new DatabaseHealthCheck(beans.databaseProbe(), beans.runs().databaseCircuit()));
        MeterRegistry prometheus = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (prometheus != null) {
            Metrics.addRegistry(prometheus);
        }
        beans.runs().metrics().turnOn(settings.getPath(Settings.INBOX));
    }

    private static String routes(List<String> files) {
        return files.stream().map(file -> "classpath:routes/" + file + ".camel.yaml").collect(Collectors.joining(","));
    }

    public PipelineBeans beans() {
        return beans;
    }

    /**
     * Runs the work of the ambient run and ends it. When the database failed (after the
     * retries), the run ends as failed with its report, and the result says so; any other error
     * ends the run the same way and is raised.
     */
    private RunResult runAmbient(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            RunResult failed;
            try {
                failed = beans.runs().finishAmbient(false);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
                throw e;
            }
            Throwable databaseError = DatabaseErrors.cause(e);
            if (databaseError == null) {
                throw e;
            }
            LOG.warn("the run stopped because the database failed: {}", databaseError.getMessage());
            return failed;
        }
        return beans.runs().finishAmbient(true);
    }

    private ProducerTemplate template() {
        try {
            return main.getCamelTemplate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts Camel (routes, beans); the runs start it when it has not been started yet. */
    public synchronized void start() {
        if (!started) {
            try {
                main.start();
            } catch (Exception e) {
                throw new IllegalStateException("the pipeline did not start: " + e.getMessage(), e);
            }
            started = true;
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
            beans.awaitClaimReleases();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("the pipeline did not stop cleanly: {}", e.getMessage());
        }
    }
}
