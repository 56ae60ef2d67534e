package io.modelgate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.junit.jupiter.api.Test;

/**
 * routes/files.camel.yaml: the inbox and the decision files are read by one file consumer, the
 * template's, each with its own folder, claims and polls; only the inbox keeps a claim after its
 * file moved.
 */
class FilesRouteTest extends RouteTestSupport {
    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "files", "inbox", "decisions", "pipeline");
    }

    @Test
    void bothFileInputsShareTheTemplatesConsumer() {
        GenericFileEndpoint<?> inbox = (GenericFileEndpoint<?>) context.getRoute("inbox").getEndpoint();
        GenericFileEndpoint<?> decisions = (GenericFileEndpoint<?>) context.getRoute("decisions").getEndpoint();

        for (GenericFileEndpoint<?> endpoint : List.of(inbox, decisions)) {
            assertThat(endpoint.getReadLock()).isEqualTo("idempotent-changed");
            assertThat(endpoint.isIdempotentEager()).isFalse();
            assertThat(endpoint.getReadLockMinLength()).isZero();
            assertThat(endpoint.getSortBy()).isNotNull();
        }
        assertThat(inbox.getIdempotentRepository()).isSameAs(context.getRegistry().lookupByName("inboxClaims"));
        assertThat(decisions.getIdempotentRepository()).isSameAs(context.getRegistry().lookupByName("decisionClaims"));
        assertThat(inbox.getConfiguration().getDirectory()).isEqualTo(root.resolve("inbox").toString());
        assertThat(decisions.getConfiguration().getDirectory()).isEqualTo(root.resolve("review-queue/decisions").toString());
        assertThat(inbox.getReadLockIdempotentReleaseDelay()).isPositive();
        assertThat(decisions.getReadLockIdempotentReleaseDelay()).isZero();
    }
}
