package io.trustbaseline.aws;

import io.trustbaseline.core.delivery.DeadLetterQueue;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code trust-requests} queue and its dead-letter queue on SQS. Sends go out in SendMessageBatch calls of at
 * most ten entries (the API's limit); a delayed send uses DelaySeconds, which SQS allows up to 900 s.
 */
public final class SqsWorkQueue implements WorkQueue, DeadLetterQueue {
    /** SendMessageBatch takes at most ten entries per call. */
    static final int BATCH = 10;
    static final long MAX_DELAY_SECONDS = 900;
    /** The message attribute that carries a dead-lettered message's reason. */
    public static final String REASON_ATTRIBUTE = "trust-baseline-reason";

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    public SqsWorkQueue(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    @Override
    public void send(List<WorkMessage> messages) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<WorkMessage> chunk = messages.subList(from, Math.min(from + BATCH, messages.size()));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i)).messageBody(chunk.get(i).toJson()).build());
            }
            List<BatchResultErrorEntry> errors = AwsErrors.call("sqs:SendMessageBatch",
                    () -> sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed());
            errors.forEach(e -> failed.add(e.code() + ": " + e.message()));
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + messages.size() + " work messages were not enqueued: "
                    + failed.get(0));
        }
    }

    @Override
    public void sendLater(WorkMessage message, Duration delay) {
        long seconds = delay.toSeconds();
        if (seconds < 0 || seconds > MAX_DELAY_SECONDS) {
            throw new IllegalArgumentException("SQS delays a message by 0 to 900 s (was " + delay + ")");
        }
        AwsErrors.call("sqs:SendMessage", () -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message.toJson())
                .delaySeconds((int) seconds)));
    }

    /** The work with its reason in the body ({@code deadLetterReason}) and as a message attribute, for consoles. */
    @Override
    public void put(WorkMessage work, String reason) {
        AwsErrors.call("sqs:SendMessage", () -> sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl)
                .messageBody(work.toDeadLetterJson(reason))
                .messageAttributes(Map.of(REASON_ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                        .stringValue(reason).build()))));
    }
}
