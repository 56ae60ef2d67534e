package io.modelgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.db.Migrations;
import io.modelgate.support.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Two instances racing for the same inbox files: each file is claimed by exactly one. */
class InboxClaimsTest {
    private static final int FILES = 300;

    @Test
    void everyFileIsClaimedOnceWhenTwoInstancesRace() throws Exception {
        try (TestDatabase database = TestDatabase.start();
             DefaultCamelContext first = new DefaultCamelContext();
             DefaultCamelContext second = new DefaultCamelContext()) {
            new Migrations(database.dataSource()).migrate();
            first.start();
            second.start();
            InboxClaims a = new InboxClaims(database.dataSource(), "modelgate-inbox", first);
            InboxClaims b = new InboxClaims(database.dataSource(), "modelgate-inbox", second);
            for (InboxClaims claims : new InboxClaims[] {a, b}) {
                claims.setLockMaxAgeMillis(60_000);
                claims.setLockKeepAliveIntervalMillis(10_000);
                claims.start();
            }
            AtomicIntegerArray winners = new AtomicIntegerArray(FILES);
            // both instances reach each file at the same moment
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Integer> racingA = CompletableFuture.supplyAsync(() -> claimAll(a, winners, together));
            CompletableFuture<Integer> racingB = CompletableFuture.supplyAsync(() -> claimAll(b, winners, together));
            int wonByA = racingA.get();
            int wonByB = racingB.get();

            for (int i = 0; i < FILES; i++) {
                assertThat(winners.get(i)).as("claims on file %d", i).isEqualTo(1);
            }
            assertThat(database.count("SELECT count(*) FROM camel_messageprocessed")).isEqualTo(FILES);

            assertThat(wonByA + wonByB).isEqualTo(FILES);
        }
    }

    private static int claimAll(InboxClaims claims, AtomicIntegerArray winners, CyclicBarrier together) {
        int won = 0;
        for (int i = 0; i < FILES; i++) {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (claims.add("/inbox/file-" + i + ".json")) {
                winners.incrementAndGet(i);
                won++;
            }
        }
        return won;
    }
}
