package io.modelgate.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One PostgreSQL server for all the tests of a class, on which each test takes an empty
 * database of its own: register it as a static field with {@code @RegisterExtension}.
 */
public final class DatabaseServer implements BeforeAllCallback, AfterAllCallback {
    private TestDatabase server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestDatabase.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** An empty database of the test's own (close it at the test's end). */
    public TestDatabase freshDatabase() {
        return server.freshDatabase();
    }
}
