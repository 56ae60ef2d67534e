package io.modelgate.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.db.Migrations;
import io.modelgate.run.DatabaseCircuit;
import io.modelgate.run.DatabaseRetry;
import io.modelgate.support.RestartableDatabase;
import io.modelgate.support.TestDatabase;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The scan's rows read a page ahead: a scan that stops early stops the read under way too. */
class ScanRowsTest {
    private static final ScanWindow.Bounds EVERY_ROW = new ScanWindow.Bounds(
            OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    @Test
    void closingTheRowsStopsTheReadOfTheNextPageWhileItWaitsForTheDatabase(@TempDir Path dataDir) throws Exception {
        try (RestartableDatabase server = new RestartableDatabase(dataDir.resolve("pgdata"))) {
            try (TestDatabase database = server.connect()) {
                new Migrations(database.dataSource()).migrate();
                database.execute("INSERT INTO artifacts (id, artifact_type, title, metadata) VALUES"
                        + " ('model-a', 'model', 'A', '{}'), ('model-b', 'model', 'B', '{}'), ('model-c', 'model', 'C', '{}')");
            }
            PGSimpleDataSource direct = new PGSimpleDataSource();
            direct.setUrl(server.jdbcUrl());
            direct.setUser("postgres");
            // the first page is read; then the server is stopped, and the next page's read waits to try again
            DataSource stoppedAfterFirstPage = stoppedAfter(1, direct, server);
            CountDownLatch waiting = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            DatabaseRetry retry = new DatabaseRetry(5, 1, new DatabaseCircuit(Clock.systemUTC(), Duration.ZERO), () -> { },
                    millis -> {
                        waiting.countDown();
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            stopped.countDown();
                            throw e;
                        }
                    });
            ScanRows scanRows = new ScanRows(stoppedAfterFirstPage, retry, null, 1, "rules");

            Iterator<Map<String, Object>> rows = scanRows.read("run-1", EVERY_ROW);
            assertThat(rows.next()).containsEntry("id", "model-a");
            assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the next page's read waits for the database").isTrue();

            ((Closeable) rows).close();

            assertThat(stopped.await(10, TimeUnit.SECONDS)).as("closing the rows stops that wait").isTrue();
            assertThat(rows.hasNext()).isFalse();
        }
    }

    /** The data source, with the server stopped (for real) just before the connection after the first {@code served}. */
    private static DataSource stoppedAfter(int served, DataSource real, RestartableDatabase server) {
        AtomicInteger given = new AtomicInteger();
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(ScanRowsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection") && given.incrementAndGet() == served + 1) {
                        server.stop();
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
