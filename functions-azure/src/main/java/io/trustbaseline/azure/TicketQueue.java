package io.trustbaseline.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueOutput;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.sweep.SweepPartition;

import java.util.List;
import java.util.Optional;

/**
 * A ticket from the Storage queue {@code trust-requests}; its report goes to {@code trust-results}. A bad ticket
 * gets its rejection there and is not retried. A target not ready or a transient failure throws, so the message
 * comes back after the visibility timeout, except on the last attempt host.json allows: then the report is written
 * instead, so the ticketing system always hears back. A sweep's work is not redelivered: its report also goes to
 * the sweep's partition of the results store.
 */
public final class TicketQueue {
    public static final String REQUESTS = "trust-requests";
    public static final String RESULTS = "trust-results";
    private final AzureRuntime runtime;

    public TicketQueue() {
        this(AzureRuntime.shared());
    }

    public TicketQueue(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    @FunctionName("TicketQueue")
    public void run(@QueueTrigger(name = "message", queueName = REQUESTS, connection = "AzureWebJobsStorage") String message,
                    @BindingName("DequeueCount") long dequeueCount,
                    @QueueOutput(name = "result", queueName = RESULTS, connection = "AzureWebJobsStorage") OutputBinding<String> result,
                    final ExecutionContext context) {
        Report report = runtime.handle(message, Trigger.TICKET);
        String json = report.toJson();
        context.getLogger().info(json);
        ReportMetricsLog.log(context.getLogger(), report);
        Optional<SweepPartition> sweep = SweepPartition.ofMessage(message);
        if (sweep.isPresent()) {
            // A sweep's target that is not ready waits for the next sweep (DESIGN: sweep, on "not ready": next sweep).
            runtime.sweepResults().ifPresent(r -> r.record(sweep.get(), List.of(report)));
        } else if (report.retryable() && dequeueCount < runtime.maxDequeueCount()) {
            throw new RedeliveryRequested("not finished (attempt " + dequeueCount + " of " + runtime.maxDequeueCount()
                    + "): the queue will deliver the ticket again", json);
        }
        result.setValue(json);
    }
}
