package io.modelgate.pipeline;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The daemon's health check of its database (in {@code /observe/health}): DOWN while inputs are
 * left for the next run because the database failed through its retries, or while a connection
 * cannot be had and checked within two seconds; UP otherwise.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private final DataSource dataSource;
    private final DatabaseCircuit circuit;

    public DatabaseHealthCheck(DataSource dataSource, DatabaseCircuit circuit) {
        super("modelgate", "database");
        this.dataSource = dataSource;
        this.circuit = circuit;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (circuit.isOpen()) {
            builder.message("the database failed after its retries moments ago; inputs are left for the next run").down();
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                builder.up();
            } else {
                builder.message("the database does not answer").down();
            }
        } catch (Exception e) {
            builder.message("the database cannot be reached: " + e.getMessage()).down();
        }
    }
}
