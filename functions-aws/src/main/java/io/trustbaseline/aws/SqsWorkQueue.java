package io.trustbaseline.aws;

import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code trust-requests} on SQS: SendMessageBatch in tens (its limit), SendMessage with a delay for waiting work. */
public final class SqsWorkQueue implements WorkQueue {
    /** SendMessageBatch takes at most 10 entries (SQS API reference). */
    static final int BATCH = 10;
    /** DelaySeconds is 0-900. */
    static final Duration LONGEST_DELAY = Duration.ofSeconds(900);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWorkQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<WorkMessage> messages) {
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, messages.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i - from))
                        .messageBody(messages.get(i).toJson()).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " of " + entries.size()
                        + " messages: " + response.failed().get(0).code() + " " + response.failed().get(0).message());
            }
        }
    }

    @Override
    public void sendLater(WorkMessage message, Duration delay) {
        long seconds = Math.min(Math.max(0, delay.toSeconds()), LONGEST_DELAY.toSeconds());
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message.toJson()).delaySeconds((int) seconds));
    }
}
