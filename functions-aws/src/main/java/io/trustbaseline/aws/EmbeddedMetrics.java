package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.ReportMetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's metrics in CloudWatch Embedded Metric Format: one log line per set of dimension values, which
 * CloudWatch Logs turns into metrics without an agent. Shape as in the EMF specification: {@code _aws.Timestamp} and
 * {@code _aws.CloudWatchMetrics[{Namespace, Dimensions, Metrics[{Name, Unit}]}]}, each dimension and metric a member
 * of the root.
 */
final class EmbeddedMetrics {
    private EmbeddedMetrics() { }

    static List<String> lines(List<ReportMetrics.Point> points, long timestampMillis) {
        Map<Map<String, String>, List<ReportMetrics.Point>> byDimensions = new LinkedHashMap<>();
        points.forEach(p -> byDimensions.computeIfAbsent(p.sortedDimensions(), d -> new ArrayList<>()).add(p));
        List<String> lines = new ArrayList<>();
        byDimensions.forEach((dimensions, group) -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ObjectNode aws = root.putObject("_aws");
            aws.put("Timestamp", timestampMillis);
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", ReportMetrics.NAMESPACE);
            ArrayNode keys = directive.putArray("Dimensions").addArray();
            dimensions.keySet().forEach(keys::add);
            ArrayNode metrics = directive.putArray("Metrics");
            dimensions.forEach(root::put);
            for (ReportMetrics.Point point : group) {
                metrics.addObject().put("Name", point.name()).put("Unit", point.unit().id());
                if (point.value() == Math.rint(point.value())) {
                    root.put(point.name(), (long) point.value());
                } else {
                    root.put(point.name(), point.value());
                }
            }
            lines.add(Json.write(root));
        });
        return lines;
    }
}
