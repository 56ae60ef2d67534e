package io.modelgate.routes;

import java.util.List;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** routes/schedule.camel.yaml: the daemon's timer asks for an incremental scan. */
class ScheduleRouteTest extends RouteTestSupport {
    @Override
    protected List<String> routeFiles() {
        return List.of("errors", "schedule", "scan", "pipeline");
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void eachTickOfTheScheduleAsksForAnIncrementalScan() throws Exception {
        AdviceWith.adviceWith(context, "scheduled-scan", route -> {
            route.replaceFromWith("direct:tick");
            route.weaveByToUri("direct:scan").replace().to("mock:scan");
        });
        context.start();
        context.getRouteController().startRoute("scheduled-scan");
        MockEndpoint scan = getMockEndpoint("mock:scan");
        scan.expectedMessageCount(1);
        scan.expectedHeaderReceived("modelgateFullScan", false);

        template.sendBody("direct:tick", null);

        scan.assertIsSatisfied();
    }
}
