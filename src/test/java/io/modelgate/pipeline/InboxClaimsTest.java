package io.modelgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.db.Migrations;
import io.modelgate.support.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claims on inbox files between instances: each file claimed by one, and a dead instance's claims not in the way. */
class InboxClaimsTest {
    private static final int FILES = 300;

    /** One database, and a Camel context for each of two instances. */
    private TestDatabase database;
    private DefaultCamelContext first;
    private DefaultCamelContext second;

    @BeforeEach
    void start() {
        database = TestDatabase.start();
        new Migrations(database.dataSource()).migrate();
        first = new DefaultCamelContext();
        second = new DefaultCamelContext();
        first.start();
        second.start();
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
        database.close();
    }

    @Test
    void everyFileIsClaimedOnceWhenTwoInstancesRace() throws Exception {
        InboxClaims a = started(database, first, new InstancePresence(database.dataSource()));
        InboxClaims b = started(database, second, new InstancePresence(database.dataSource()));
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

    /** An instance's claims, which expire only after a minute unless their holder is gone. */
    private static InboxClaims started(TestDatabase database, DefaultCamelContext context, InstancePresence presence) {
        InboxClaims claims = new InboxClaims(database.dataSource(), "modelgate-inbox", context, presence);
        claims.setLockMaxAgeMillis(60_000);
        claims.setLockKeepAliveIntervalMillis(10_000);
        claims.start();
        return claims;
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

    @Test
    void theClaimsOfAnInstanceThatIsGoneAreTakenOverAtOnceAndDeletedWhileALiveOnesAreNot() throws Exception {
        InstancePresence crashing = new InstancePresence(database.dataSource());
        InboxClaims a = started(database, first, crashing);
        InboxClaims b = started(database, second, new InstancePresence(database.dataSource()));
        assertThat(a.add("/inbox/taken.json")).isTrue();
        assertThat(a.add("/inbox/gone.json")).isTrue();
        // a live holder's claim is never taken
        assertThat(b.add("/inbox/taken.json")).isFalse();
        assertThat(b.contains("/inbox/taken.json")).isTrue();

        // the instance dies: PostgreSQL ends its session, and its lock with it
        crashing.close();

        assertThat(b.contains("/inbox/taken.json")).isFalse();
        assertThat(b.add("/inbox/taken.json")).isTrue();
        // its other claim, whose file nobody will read now, is deleted
        b.refresh();
        assertThat(database.rows("SELECT messageid FROM camel_messageprocessed"))
                .containsExactly(java.util.List.of("/inbox/taken.json"));
    }
}
