package io.modelgate.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real PostgreSQL for all the tests of a class (they empty what they need themselves). */
public abstract class SharedDatabase {
    protected static TestDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }
}
