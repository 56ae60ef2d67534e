package io.modelgate.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.db.Migrations;
import io.modelgate.run.ClaimSkips;
import io.modelgate.run.DatabaseCircuit;
import io.modelgate.run.DatabaseRetry;
import io.modelgate.support.DatabaseServer;
import io.modelgate.support.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Claims on inbox files between instances: each file claimed by one, and a dead instance's claims not in the way. */
class InboxClaimsTest {
    /** One server for the class; each test takes an empty database of its own on it. */
    @RegisterExtension
    static final DatabaseServer SERVER = new DatabaseServer();

    private static final int FILES = 300;
    /** A claim the database fails is told at once, and the next one is tried. */
    private static final DatabaseRetry NO_RETRIES = new DatabaseRetry(0, 0,
            new DatabaseCircuit(java.time.Clock.systemUTC(), java.time.Duration.ZERO), () -> { });

    /** One database, and a Camel context for each of two instances. */
    private TestDatabase database;
    private DefaultCamelContext first;
    private DefaultCamelContext second;

    @BeforeEach
    void start() {
        database = SERVER.freshDatabase();
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
        return started(database, context, presence, new ToldSkips());
    }

    private static InboxClaims started(TestDatabase database, DefaultCamelContext context, InstancePresence presence,
                                       ClaimSkips skips) {
        InboxClaims claims = new InboxClaims(database.dataSource(), "modelgate-inbox", context, presence, skips, NO_RETRIES);
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

    @Test
    void aFileLeftToALiveHolderIsToldWithTheClaimsAgeOncePerClaim() {
        InboxClaims a = started(database, first, new InstancePresence(database.dataSource()));
        ToldSkips told = new ToldSkips();
        InboxClaims b = started(database, second, new InstancePresence(database.dataSource()), told);
        assertThat(a.add("/inbox/held.json")).isTrue();
        // held for a while: refreshing keeps the claim's start
        database.execute("UPDATE camel_messageprocessed SET claimed_at = claimed_at - interval '42 seconds'");
        a.refresh();

        assertThat(b.add("/inbox/held.json")).isFalse();
        assertThat(b.add("/inbox/held.json")).isFalse();

        assertThat(told.lines).hasSize(2);
        assertThat(told.lines.get(0)).startsWith("/inbox/held.json alive=true told-before=false held=42");
        // the next poll meets the same claim: the log need not say it again
        assertThat(told.lines.get(1)).startsWith("/inbox/held.json alive=true told-before=true");
        // the holder's own second try is no news
        ToldSkips ownTold = new ToldSkips();
        InstancePresence own = new InstancePresence(database.dataSource());
        InboxClaims ownClaims = started(database, first, own, ownTold);
        assertThat(ownClaims.add("/inbox/own.json")).isTrue();
        assertThat(ownClaims.add("/inbox/own.json")).isFalse();
        assertThat(ownTold.lines).isEmpty();
        own.close();
    }

    @Test
    void aClaimWhoseHolderCannotBeToldAliveIsToldAsSuchAndAFailedClaimAsNotClaimed() {
        ToldSkips told = new ToldSkips();
        InboxClaims b = started(database, second, new InstancePresence(database.dataSource()), told);
        // a claim made by a version that did not name its holder
        database.execute("INSERT INTO camel_messageprocessed (processorname, messageid, createdat)"
                + " VALUES ('modelgate-inbox', '/inbox/legacy.json', localtimestamp - interval '3 seconds')");

        assertThat(b.add("/inbox/legacy.json")).isFalse();
        assertThat(told.lines).singleElement().asString().startsWith("/inbox/legacy.json alive=false told-before=false held=3");

        database.execute("ALTER TABLE camel_messageprocessed RENAME TO claims_away");
        try {
            assertThat(b.add("/inbox/any.json")).isFalse();
        } finally {
            database.execute("ALTER TABLE claims_away RENAME TO camel_messageprocessed");
        }
        assertThat(told.lines.get(1)).startsWith("/inbox/any.json not claimed: ").contains("camel_messageprocessed")
                .doesNotContain("INSERT");
    }

    /** What the claims told of the files they left alone, one line each. */
    private static final class ToldSkips implements ClaimSkips {
        final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void claimedElsewhere(String key, java.time.Duration held, boolean holderAlive, boolean toldBefore) {
            lines.add(key + " alive=" + holderAlive + " told-before=" + toldBefore + " held=" + held.toSeconds());
        }

        @Override
        public void notClaimed(String key, String problem) {
            lines.add(key + " not claimed: " + problem);
        }
    }
}
