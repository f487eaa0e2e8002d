package io.trustbaseline.core.report;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one mapping of a report to metrics: names, units and dimensions both clouds emit. */
class ReportMetricsTest {
    private final FakeCloud cloud = Fixtures.readyCloud();

    private static ReportMetrics.Point point(List<ReportMetrics.Point> points, String name, Map<String, String> dimensions) {
        return points.stream().filter(p -> p.name().equals(name) && p.dimensions().equals(dimensions)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " " + dimensions + " in " + points));
    }

    private static Map<String, String> dims(String... pairs) {
        Map<String, String> out = new java.util.HashMap<>(Map.of("Service", "trust-baseline"));
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void anAppliedReportGivesItsOutcomeItemsPerSettingAndStatusCallsAndDuration() {
        Report report = Fixtures.trustBaseline(cloud).handle(Request.baseline("evt", "eg", Trigger.EVENT, Fixtures.EKS, false));

        List<ReportMetrics.Point> points = ReportMetrics.of(report);

        assertEquals(1, point(points, "Reports", dims("Trigger", "event", "Status", "applied")).value());
        assertEquals(0, point(points, "FailedReports", dims()).value());
        assertEquals(1, point(points, "Items", dims("Setting", "eks-pod-identity-agent", "Status", "applied")).value());
        assertEquals(1, point(points, "Items", dims("Setting", "eks-pod-identity", "Status", "applied")).value());
        assertEquals(report.calls().writes(), point(points, "Writes", dims()).value());
        assertEquals(report.calls().reads(), point(points, "Reads", dims()).value());
        ReportMetrics.Point duration = point(points, "Duration", dims("Trigger", "event"));
        assertEquals(ReportMetrics.Unit.MILLISECONDS, duration.unit());
        assertEquals(report.durationMs(), duration.value());
        assertEquals(0, point(points, "LapsedExemptions", dims()).value());
        assertTrue(points.stream().allMatch(p -> "trust-baseline".equals(p.dimensions().get("Service"))));
    }

    @Test
    void aFailedOrPartialReportCountsAsFailedAndARejectedOneDoesNot() {
        cloud.registry(Fixtures.ACR, new RegistryNetwork("Basic", "Enabled", "None"));
        Report failed = Fixtures.trustBaseline(cloud).handle(Request.baseline("evt", "eg", Trigger.EVENT, Fixtures.ACR, false));
        Report rejected = Fixtures.trustBaseline(cloud).handle("{ not json", Trigger.TICKET);

        assertEquals(1, point(ReportMetrics.of(failed), "FailedReports", dims()).value());
        assertEquals(1, point(ReportMetrics.of(failed), "Items", dims("Setting", "acr-trusted-services", "Status", "blocked")).value());
        assertEquals(0, point(ReportMetrics.of(rejected), "FailedReports", dims()).value());
        assertEquals(1, point(ReportMetrics.of(rejected), "Reports", dims("Trigger", "ticket", "Status", "rejected")).value());
    }
}
