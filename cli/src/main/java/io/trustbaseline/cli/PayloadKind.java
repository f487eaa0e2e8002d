package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The kinds of payload {@code trust-baseline run} recognises, each told by the shape the real platform delivers,
 * and the entry point the cloud would hand it to.
 */
public enum PayloadKind {
    /** Event Grid schema, one event or an array: Azure {@code ResourceWritten}. */
    EVENT_GRID("Azure Event Grid event"),
    /** CloudEvents 1.0, one event or an array: Azure {@code ResourceWritten}. */
    CLOUD_EVENTS("CloudEvents event"),
    /** The admin-invoke / portal Code + Test shape of a queue message, {@code {"input": "..."}}: Azure {@code TicketQueue}. */
    AZURE_QUEUE_MESSAGE("Azure Storage queue message"),
    /** The TimerInfo the Functions host passes: Azure {@code Sweep}. */
    AZURE_TIMER("Azure timer"),
    /** An EventBridge event other than a schedule (CloudTrail CreateCluster): through SQS to the AWS {@code QueueHandler}. */
    EVENTBRIDGE("EventBridge event"),
    /** EventBridge "Scheduled Event": AWS {@code SweepHandler}. */
    SCHEDULED_EVENT("EventBridge scheduled event"),
    /** An SQSEvent: AWS {@code QueueHandler}. */
    SQS_EVENT("SQS event"),
    /** A request document: Azure {@code Reconcile} (HTTP) for an Azure target, AWS {@code ManualHandler} for EKS. */
    REQUEST("manual request");

    private final String description;

    PayloadKind(String description) {
        this.description = description;
    }

    public String description() { return description; }

    public static Optional<PayloadKind> detect(JsonNode payload) {
        JsonNode first = payload.isArray() && !payload.isEmpty() ? payload.get(0) : payload;
        if (first == null || !first.isObject()) {
            return Optional.empty();
        }
        if (first.has("specversion")) {
            return Optional.of(CLOUD_EVENTS);
        }
        if (first.has("eventType") && first.has("subject")) {
            return Optional.of(EVENT_GRID);
        }
        if (payload.isArray()) {
            return Optional.empty();
        }
        if (payload.path("Records").isArray()
                && "aws:sqs".equals(payload.path("Records").path(0).path("eventSource").asText())) {
            return Optional.of(SQS_EVENT);
        }
        if (payload.has("detail-type") && payload.has("source")) {
            return Optional.of("Scheduled Event".equals(payload.path("detail-type").asText()) ? SCHEDULED_EVENT : EVENTBRIDGE);
        }
        if (payload.has("ScheduleStatus") || payload.has("IsPastDue")) {
            return Optional.of(AZURE_TIMER);
        }
        if (payload.size() == 1 && payload.path("input").isTextual()) {
            return Optional.of(AZURE_QUEUE_MESSAGE);
        }
        // a request is recognised by any of its own fields, so that one with a misspelt field ("Target") reaches the
        // request parser, which names the field, instead of being refused as a payload of unknown kind
        if (payload.has("schemaVersion") || payload.has("requestId")) {
            return Optional.of(REQUEST);
        }
        return Optional.empty();
    }
}
