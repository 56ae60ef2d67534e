package io.modelgate.run;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The daemon's health check of its database (in {@code /observe/health}): DOWN while inputs are
 * left for the next run because the database failed through its retries, or while it does not
 * answer within {@value #WITHIN_SECONDS} seconds (asked by a {@link DatabaseProbe}, not by
 * waiting out the pool's connection timeout); UP otherwise. A health endpoint that hangs tells
 * a supervisor nothing.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private static final int WITHIN_SECONDS = 1;
    private final DatabaseProbe probe;
    private final DatabaseCircuit circuit;

    public DatabaseHealthCheck(DatabaseProbe probe, DatabaseCircuit circuit) {
        super("modelgate", "database");
        this.probe = probe;
        this.circuit = circuit;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (circuit.isOpen()) {
            builder.message("the database failed after its retries moments ago; inputs are left for the next run").down();
        } else if (probe.answers(Duration.ofSeconds(WITHIN_SECONDS))) {
            builder.up();
        } else {
            builder.message("the database does not answer within " + WITHIN_SECONDS + " s").down();
        }
    }
}
