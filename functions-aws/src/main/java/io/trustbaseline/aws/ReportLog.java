package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.ReportMetrics;

/**
 * One JSON line per report (or problem) in the function's log: Lambda's logger when there is a context, else
 * stderr, so a caller that prints the handler's output on stdout gets only that. A report's metrics follow it in
 * Embedded Metric Format (docs/metrics.md).
 */
final class ReportLog {
    private ReportLog() { }

    static void report(Context context, Report report) {
        line(context, report.toJson());
        EmbeddedMetrics.lines(ReportMetrics.of(report), System.currentTimeMillis()).forEach(l -> line(context, l));
    }

    static void line(Context context, String json) {
        String line = json.replace('\n', ' ');
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.err.println(line);
        }
    }
}
