package io.modelgate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.support.TestDatabase;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A database still being opened: callers wait for its connections, or fail once it could not be opened. */
class PendingDataSourceTest {
    @Test
    void aCallerWaitsForTheDatabaseAndThenGetsItsConnections() throws Exception {
        try (TestDatabase database = TestDatabase.start()) {
            PendingDataSource pending = new PendingDataSource();
            CompletableFuture<Boolean> caller = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = pending.getConnection()) {
                    return connection.isValid(2);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(caller).isNotDone();

            pending.open(database.dataSource());

            assertThat(caller.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pending.isWrapperFor(PendingDataSource.class)).isTrue();
        }
    }

    @Test
    void aCallerFailsWhenTheDatabaseCouldNotBeOpened() {
        PendingDataSource pending = new PendingDataSource();

        pending.failed();

        assertThatThrownBy(pending::getConnection).isInstanceOf(PendingDataSource.NotOpened.class)
                .hasMessage("the database could not be opened");
    }
}
