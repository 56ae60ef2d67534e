package io.modelgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.catalog.DataRefusedException;
import io.modelgate.db.DatabaseUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retries of the database steps outside the routes: the claims and the scan's pages. */
class DatabaseRetryTest {
    private final List<Long> pauses = new ArrayList<>();
    private final AtomicInteger counted = new AtomicInteger();
    private final DatabaseCircuit circuit = new DatabaseCircuit(Clock.systemUTC(), Duration.ofMinutes(1));
    private final DatabaseRetry retry = new DatabaseRetry(3, 500, circuit, counted::incrementAndGet, pauses::add);

    @Test
    void aStepTheDatabaseFailsIsTriedAgainAfterDoublingDelaysUntilItSucceeds() {
        AtomicInteger tries = new AtomicInteger();

        String result = retry.call("claiming a.json", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
            }
            return "claimed";
        });

        assertThat(result).isEqualTo("claimed");
        assertThat(pauses).containsExactly(500L, 1000L);
        assertThat(counted).hasValue(2);
        assertThat(circuit.isOpen()).isFalse();
    }

    @Test
    void aStepThatFailsThroughEveryRetryOpensTheCircuitAndTheNextStepIsNotTried() {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> retry.call("reading the scan's rows after model-a", () -> {
            tries.incrementAndGet();
            throw new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms");
        })).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("reading the scan's rows after model-a failed after 3 retries:"
                        + " Connection is not available, request timed out after 30000ms");
        assertThat(tries).hasValue(4);
        assertThat(pauses).containsExactly(500L, 1000L, 2000L);
        assertThat(circuit.isOpen()).isTrue();

        AtomicInteger later = new AtomicInteger();
        assertThatThrownBy(() -> retry.call("claiming b.json", later::incrementAndGet))
                .isInstanceOf(DatabaseAwayException.class);
        assertThat(later).hasValue(0);
    }

    @Test
    void errorsThatAreNotTheDatabaseGoingAwayAreRaisedAtOnce() {
        assertThatThrownBy(() -> retry.call("claiming a.json", () -> {
            throw new IllegalArgumentException("not a database error");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retry.call("writing", () -> {
            throw new DataRefusedException("value too long", new SQLException("value too long", "22001"));
        })).isInstanceOf(DataRefusedException.class);

        assertThat(pauses).isEmpty();
        assertThat(circuit.isOpen()).isFalse();
    }
}
