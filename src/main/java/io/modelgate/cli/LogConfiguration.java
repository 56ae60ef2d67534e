package io.modelgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The logging of modelgate, set up in code (found by logback through the service loader): one
 * line per event on stderr, so stdout carries only the command's own output; modelgate's own
 * lines at INFO, the libraries' at WARN. Reading an XML configuration instead costs a quarter of
 * a second at every start. A file named by {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    private static final String STDERR = "STDERR";
    private static final Map<String, Level> LEVELS = Map.of(
            "io.modelgate", Level.INFO,
            "org.apache.camel", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            // a connection that a database restart broke is logged there with its whole stack
            // trace; modelgate's own lines say what failed and what is retried
            "com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR,
            "io.zonky", Level.WARN,
            "org.quartz", Level.WARN);

    /**
     * Writes the log lines on stderr as {@code json} (one object per line, with the fields each
     * line carries, such as run id, artifact id, channel, change and reasons) or as {@code plain}
     * text. A configuration file named by {@code -Dlogback.configurationFile} is left as it is.
     */
    static void useFormat(String format) {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(STDERR) instanceof ConsoleAppender<ILoggingEvent> stderr)) {
            return;
        }
        Encoder<ILoggingEvent> encoder = "json".equals(format) ? json() : plain(context);
        encoder.setContext(context);
        encoder.start();
        stderr.stop();
        stderr.setEncoder(encoder);
        stderr.start();
    }

    /** One object per line: time, level, logger, thread, the line's fields and its text as a person reads it. */
    private static JsonEncoder json() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }

    private static PatternLayoutEncoder plain(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        return encoder;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = plain(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(STDERR);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
