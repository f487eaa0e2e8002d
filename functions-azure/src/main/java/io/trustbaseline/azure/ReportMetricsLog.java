package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Redaction;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.ReportMetrics;

import java.util.logging.Logger;

/**
 * A report's metrics as one log line through the worker's logger, which Application Insights keeps as a trace:
 * {@value #PREFIX} and a JSON object of the points. docs/metrics.md has the Kusto query that reads them back as
 * metrics and the alert rules in infra/azure use.
 */
final class ReportMetricsLog {
    static final String PREFIX = "TrustBaselineMetrics ";

    private ReportMetricsLog() { }

    static void log(Logger logger, Report report) {
        logger.info(line(report));
    }

    static String line(Report report) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("namespace", ReportMetrics.NAMESPACE);
        doc.put("requestId", report.requestId());
        ArrayNode metrics = doc.putArray("metrics");
        for (ReportMetrics.Point point : ReportMetrics.of(report)) {
            ObjectNode m = metrics.addObject().put("name", point.name()).put("unit", point.unit().id());
            point.sortedDimensions().forEach(m.putObject("dimensions")::put);
            m.put("value", point.value());
        }
        // the request id is the report's, scrubbed as the report is (Report.toJson): its format admits a token's shape
        return PREFIX + Redaction.scrub(Json.write(doc));
    }
}
