package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.local.LocalInvocation;
import io.trustbaseline.azure.local.LocalOutput;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.AzureResourceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.insertedNow;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On Azure a report's metrics follow it in the worker's log as one {@code TrustBaselineMetrics {…}} trace, the
 * shape docs/metrics.md's Kusto query and the alert rules read: {@code metrics[]} of name, unit, dimensions, value.
 */
class ReportMetricsLogTest {
    private final AzureTestCloud cloud = AzureTestCloud.start();

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static Map<String, Double> values(JsonNode doc, String name) {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode m : doc.path("metrics")) {
            if (m.path("name").asText().equals(name)) {
                Map<String, String> d = new java.util.TreeMap<>();
                m.path("dimensions").fields().forEachRemaining(e -> d.put(e.getKey(), e.getValue().asText()));
                d.remove("Service");
                out.put(d.toString(), m.path("value").asDouble());
            }
        }
        return out;
    }

    @Test
    void aSweptTargetsReportIsFollowedByItsMetricsLine() {
        LocalInvocation invocation = context("TicketQueue");
        LocalOutput<String> result = new LocalOutput<>();
        String work = WorkMessage.forTarget(Trigger.SWEEP, "sweep-1:4", "sweep", AzureResourceId.parse(AzureTestCloud.ACR_BASIC),
                false, Instant.parse("2026-12-01T04:00:00Z"), Optional.of("sweep-1")).toJson();

        new TicketQueue(cloud.runtime()).run(work, insertedNow(), result, invocation);
        JsonNode report = json(result.getValue());

        List<String> logged = invocation.logged();
        assertEquals(2, logged.size(), logged::toString);
        assertEquals(report, json(logged.get(0)));
        assertTrue(logged.get(1).startsWith("TrustBaselineMetrics {"), logged.get(1));
        JsonNode doc = json(logged.get(1).substring("TrustBaselineMetrics ".length()));
        assertEquals("TrustBaseline", doc.path("namespace").asText());
        assertEquals(report.path("requestId").asText(), doc.path("requestId").asText());
        doc.path("metrics").forEach(m -> {
            assertTrue(m.path("value").isNumber() && m.path("unit").isTextual(), m::toString);
            assertEquals("trust-baseline", m.path("dimensions").path("Service").asText(), m::toString);
        });

        assertEquals(Map.of("{Status=failed, Trigger=sweep}", 1.0), values(doc, "Reports"));
        assertEquals(Map.of("{}", 1.0), values(doc, "FailedReports"), "a blocked registry is a failure to look at");
        assertEquals(1.0, values(doc, "Items").get("{Setting=acr-trusted-services, Status=blocked}"));
        assertEquals(report.path("calls").path("writes").asDouble(), values(doc, "Writes").get("{}"));
        int items = 0;
        for (JsonNode target : report.path("targets")) {
            items += target.path("items").size();
        }
        assertEquals(items, values(doc, "Items").values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void aRequestIdShapedLikeATokenIsRedactedFromTheMetricsLineAsFromTheReport() {
        // the request id format admits a JSON web token's shape: the metrics line carries the id the report does
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlMTIz";
        Report report = Report.rejected(jwt, Trigger.TICKET, false, "a@b.c",
                List.of(new FieldError("target", "required", "is required")), 1);

        String line = ReportMetricsLog.line(report);

        assertFalse(line.contains(jwt), line);
        assertEquals(json(report.toJson()).path("requestId").asText(),
                json(line.substring(ReportMetricsLog.PREFIX.length())).path("requestId").asText());
    }
}
