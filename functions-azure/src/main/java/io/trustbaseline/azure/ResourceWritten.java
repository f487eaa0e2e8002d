package io.trustbaseline.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.trustbaseline.azure.event.ResourceWriteEvents;
import io.trustbaseline.core.report.Report;

import java.util.List;

/**
 * Event Grid {@code Microsoft.Resources.ResourceWriteSuccess} (Event Grid or CloudEvents schema): brings a written
 * managed cluster, registry, storage account or ML workspace to the baseline. A target not ready or a transient
 * failure throws, so Event Grid redelivers (and dead-letters when its retries run out); a malformed event is
 * reported and not retried.
 */
public final class ResourceWritten {
    private final AzureRuntime runtime;

    public ResourceWritten() {
        this(AzureRuntime.shared());
    }

    public ResourceWritten(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    /** The report as one JSON line: an object for one event, an array for an array of events. */
    @FunctionName("ResourceWritten")
    public String run(@EventGridTrigger(name = "event") String event, final ExecutionContext context) {
        boolean array = event != null && event.stripLeading().startsWith("[");
        List<Report> reports = ResourceWriteEvents.parse(event).stream().map(runtime::handle).toList();
        String json = array || reports.size() != 1 ? Report.toJson(reports) : reports.get(0).toJson();
        context.getLogger().info(json);
        reports.forEach(r -> ReportMetricsLog.log(context.getLogger(), r));
        if (reports.stream().anyMatch(Report::retryable)) {
            throw new RedeliveryRequested("not finished (a target not ready, or the cloud failing transiently):"
                    + " Event Grid will deliver the event again", json);
        }
        return json;
    }
}
