package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.trustbaseline.azure.event.ResourceWriteEvents;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Redaction;

import java.time.Instant;
import java.util.List;

/**
 * Event Grid {@code Microsoft.Resources.ResourceWriteSuccess} (Event Grid or CloudEvents schema): each event about
 * a managed cluster, registry, storage account or ML workspace becomes a work message on {@code trust-requests},
 * and the function answers at once (Event Grid waits 30 s for an answer; a binding PUT alone can take longer). The
 * ticket queue's worker reconciles; a duplicate event is a duplicate message that finds the target compliant.
 * Events that ask nothing, and malformed ones, are answered with their report here. When the queue does not take
 * the messages the function fails, and Event Grid delivers the event again.
 */
public final class ResourceWritten {
    private final AzureRuntime runtime;

    public ResourceWritten() {
        this(AzureRuntime.shared());
    }

    public ResourceWritten(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * One JSON line, an object for one event and an array for an array of events: per event, its report, or
     * {@code {"requestId", "trigger", "target", "enqueued": "trust-requests"}} for work handed to the worker.
     */
    @FunctionName("ResourceWritten")
    public String run(@EventGridTrigger(name = "event") String event, final ExecutionContext context) {
        boolean array = event != null && event.stripLeading().startsWith("[");
        Instant seenAt = Instant.now();
        List<QueueWorker.Incoming> read = ResourceWriteEvents.parse(event).stream().map(e -> runtime.read(e, seenAt)).toList();
        runtime.workQueue().send(read.stream().filter(QueueWorker.Work.class::isInstance)
                .map(w -> ((QueueWorker.Work) w).message()).toList());
        List<JsonNode> answers = read.stream().map(ResourceWritten::answer).toList();
        // redacted as every report is: an event's id becomes the request id, and any field may carry a credential
        String json = Redaction.scrub(array || answers.size() != 1 ? Json.write(answers) : answers.get(0).toString());
        context.getLogger().info(json);
        read.stream().filter(QueueWorker.Answer.class::isInstance)
                .forEach(a -> ReportMetricsLog.log(context.getLogger(), ((QueueWorker.Answer) a).report()));
        return json;
    }

    private static JsonNode answer(QueueWorker.Incoming incoming) {
        if (incoming instanceof QueueWorker.Work work) {
            return enqueued(work.message());
        }
        return Json.tree(((QueueWorker.Answer) incoming).report());
    }

    /** What the function says of an event it handed to the worker. */
    public static JsonNode enqueued(WorkMessage work) {
        return Json.MAPPER.createObjectNode().put("requestId", work.requestId().orElse("unknown"))
                .put("trigger", work.trigger().id())
                .put("target", work.request().path("target").elements().next().asText())
                .put("enqueued", TicketQueue.REQUESTS);
    }

    /** Whether an answer of {@link #run} is an acknowledgment of enqueued work rather than a report. */
    public static boolean isEnqueued(JsonNode answer) {
        return answer.has("enqueued");
    }
}
