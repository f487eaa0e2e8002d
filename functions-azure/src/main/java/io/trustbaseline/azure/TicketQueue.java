package io.trustbaseline.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueOutput;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.sweep.SweepPartition;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The worker of the Storage queue {@code trust-requests}: tickets and the work the functions enqueue (events,
 * waiting work). Each message ends in exactly one way ({@link QueueWorker}): its report on {@code trust-results},
 * the same work enqueued again with an initial visibility delay (target not ready, or the cloud failing
 * transiently) until the readiness deadline, or the poison queue with its reason and a report. The function throws
 * only when a queue refused what it was given; the host then delivers the message again, and after host.json's
 * maxDequeueCount moves it to the poison queue itself. A sweep's report also goes to its partition of the results
 * store. A ticket's first sighting, from which its readiness deadline counts, is when it was put on the queue (the
 * trigger's {@code InsertionTime}), not when it was first read.
 */
public final class TicketQueue {
    public static final String REQUESTS = "trust-requests";
    public static final String RESULTS = "trust-results";
    private final AzureRuntime runtime;
    private final QueueWorker worker;

    public TicketQueue() {
        this(AzureRuntime.shared());
    }

    public TicketQueue(AzureRuntime runtime) {
        this.runtime = runtime;
        this.worker = runtime.queueWorker();
    }

    @FunctionName("TicketQueue")
    public void run(@QueueTrigger(name = "message", queueName = REQUESTS, connection = AzureRuntime.STORAGE) String message,
                    @BindingName("InsertionTime") String insertionTime,
                    @QueueOutput(name = "result", queueName = RESULTS, connection = AzureRuntime.STORAGE) OutputBinding<String> result,
                    final ExecutionContext context) {
        work(message, insertedAt(insertionTime), result, context);
    }

    /**
     * The trigger's {@code InsertionTime} (a DateTimeOffset, such as {@code 2026-12-02T02:10:37+00:00}, which the host
     * may hand over as a JSON string with its quotes); now when the host gave none or gave something else.
     */
    static Instant insertedAt(String insertionTime) {
        if (insertionTime == null || insertionTime.isBlank()) {
            return Instant.now();
        }
        String text = insertionTime.strip();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /**
     * What {@link #run} does, with the outcome given back (a local run prints the report of waiting work too).
     * {@code insertedAt} is the first sighting of a ticket that is not yet a work message.
     */
    public QueueWorker.Outcome work(String message, Instant insertedAt, OutputBinding<String> result,
                                    ExecutionContext context) {
        QueueWorker.Incoming incoming = worker.read(message, insertedAt);
        QueueWorker.Outcome outcome = incoming instanceof QueueWorker.Work work
                ? worker.handle(work.message(), report -> result.setValue(report.toJson()))
                : worker.answer(((QueueWorker.Answer) incoming).report(), report -> result.setValue(report.toJson()));
        context.getLogger().info(outcome.report().toJson());
        ReportMetricsLog.log(context.getLogger(), outcome.report());
        SweepPartition.ofMessage(message).ifPresent(sweep ->
                runtime.sweepResults().ifPresent(store -> store.record(sweep, List.of(outcome.report()))));
        return outcome;
    }
}
