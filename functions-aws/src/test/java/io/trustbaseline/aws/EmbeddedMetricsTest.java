package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each report the Lambda functions log is followed by its metrics in CloudWatch Embedded Metric Format, in the shape
 * the EMF specification requires (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
 * CloudWatch_Embedded_Metric_Format_Specification.html): a root {@code _aws} with a millisecond {@code Timestamp} and
 * {@code CloudWatchMetrics} directives, every dimension a string member and every metric a number member of the root,
 * at most 30 dimensions per set and 100 metrics per directive.
 */
class EmbeddedMetricsTest {
    private static final Set<String> UNITS = Set.of("Count", "Milliseconds");
    LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    /** A Lambda context whose logger keeps what is logged, one entry a call. */
    private static Context contextLoggingTo(List<String> lines) {
        LambdaLogger logger = new LambdaLogger() {
            @Override public void log(String message) { lines.add(message.stripTrailing()); }
            @Override public void log(byte[] message) { log(new String(message, StandardCharsets.UTF_8)); }
        };
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getLogger" -> logger;
                    case "getRemainingTimeInMillis" -> 300_000;
                    case "getAwsRequestId" -> "req-1";
                    default -> null;
                });
    }

    private List<JsonNode> logged(String request) throws IOException {
        List<String> lines = new ArrayList<>();
        new ManualHandler(aws.runtime).handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), contextLoggingTo(lines));
        return lines.stream().map(LocalAws::json).toList();
    }

    private static void assertEmfShape(JsonNode doc) {
        JsonNode meta = doc.path("_aws");
        assertTrue(meta.path("Timestamp").isIntegralNumber() && meta.path("Timestamp").asLong() > 1_600_000_000_000L,
                "Timestamp in epoch milliseconds: " + doc);
        assertTrue(meta.path("CloudWatchMetrics").isArray() && meta.path("CloudWatchMetrics").size() == 1, doc::toString);
        for (JsonNode directive : meta.path("CloudWatchMetrics")) {
            assertEquals("TrustBaseline", directive.path("Namespace").asText());
            for (JsonNode set : directive.path("Dimensions")) {
                assertTrue(set.size() >= 1 && set.size() <= 30, doc::toString);
                set.forEach(key -> assertTrue(doc.path(key.asText()).isTextual(), "dimension " + key + " is a string member: " + doc));
                assertTrue(set.toString().contains("\"Service\""), "every metric has the Service dimension");
            }
            assertTrue(directive.path("Metrics").size() >= 1 && directive.path("Metrics").size() <= 100);
            for (JsonNode metric : directive.path("Metrics")) {
                assertTrue(doc.path(metric.path("Name").asText()).isNumber(), "metric " + metric + " is a number member: " + doc);
                assertTrue(UNITS.contains(metric.path("Unit").asText()), metric::toString);
            }
        }
    }

    private static Map<String, String> dimensionsOf(JsonNode doc) {
        Map<String, String> out = new java.util.TreeMap<>();
        doc.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0)
                .forEach(key -> out.put(key.asText(), doc.path(key.asText()).asText()));
        return out;
    }

    private static JsonNode metricDoc(List<JsonNode> docs, Map<String, String> dimensions) {
        return docs.stream().filter(d -> dimensions.entrySet().stream().allMatch(e -> d.path(e.getKey()).asText().equals(e.getValue()))
                        && d.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").get(0).size() == dimensions.size() + 1)
                .findFirst().orElseThrow(() -> new AssertionError("no EMF document with " + dimensions + " in " + docs));
    }

    @Test
    void aReportIsFollowedByItsMetricsInEmbeddedMetricFormat() throws IOException {
        List<JsonNode> lines = logged(LocalAws.sample("aws/manual-request.json"));

        JsonNode report = lines.get(0);
        assertEquals("applied", report.path("status").asText(), report::toString);
        List<JsonNode> emf = lines.subList(1, lines.size());
        assertTrue(!emf.isEmpty());
        emf.forEach(EmbeddedMetricsTest::assertEmfShape);
        Set<Map<String, String>> dimensionValues = new HashSet<>();
        emf.forEach(d -> assertTrue(dimensionValues.add(dimensionsOf(d)), "one document per set of dimension values: " + d));
        assertEquals(1, metricDoc(emf, Map.of("Trigger", "manual", "Status", "applied")).path("Reports").asInt());
        JsonNode totals = metricDoc(emf, Map.of());
        assertEquals(0, totals.path("FailedReports").asInt());
        assertEquals(report.path("calls").path("writes").asLong(), totals.path("Writes").asLong());
        assertEquals(report.path("calls").path("reads").asLong(), totals.path("Reads").asLong());
        assertEquals(0, totals.path("LapsedExemptions").asInt());
        assertEquals(report.path("durationMs").asLong(), metricDoc(emf, Map.of("Trigger", "manual")).path("Duration").asLong());
        for (JsonNode item : report.path("targets").path(0).path("items")) {
            JsonNode doc = metricDoc(emf, Map.of("Setting", item.path("setting").asText(), "Status", item.path("status").asText()));
            assertTrue(doc.path("Items").asInt() >= 1, doc::toString);
        }
        int itemsCounted = emf.stream().filter(d -> d.has("Items")).mapToInt(d -> d.path("Items").asInt()).sum();
        assertEquals(report.path("targets").path(0).path("items").size(), itemsCounted);
    }

    @Test
    void aRejectedRequestCountsAsAReportButNotAsAFailure() throws IOException {
        List<JsonNode> lines = logged(LocalAws.sample("tickets/refused/protected-namespace.json"));

        List<JsonNode> emf = lines.subList(1, lines.size());
        emf.forEach(EmbeddedMetricsTest::assertEmfShape);
        assertEquals(1, metricDoc(emf, Map.of("Trigger", "manual", "Status", "rejected")).path("Reports").asInt());
        assertEquals(0, metricDoc(emf, Map.of()).path("FailedReports").asInt());
        assertTrue(emf.stream().noneMatch(d -> d.has("Items")), "no items, no item metrics");
    }
}
