package io.trustbaseline.aws.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.trustbaseline.aws.QueueHandler;
import io.trustbaseline.aws.QueueResponse;
import io.trustbaseline.core.sweep.LocalWorkers;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What Lambda's SQS event source mapping does, in this process, for local runs and tests: {@code workers} pollers
 * (the mapping's MaximumConcurrency) each receive up to 10 messages, hand them to the real {@link QueueHandler} as
 * one SQS event, and delete every message it did not return as a batch item failure. They stop once the queue holds
 * no message, visible, in flight or delayed, and none is being handled.
 */
public final class QueueWorkers {
    /** The event source mapping's BatchSize in infra/aws/template.yaml, and ReceiveMessage's own limit. */
    public static final int BATCH_SIZE = 10;

    /** How the queue was drained: invocations of the handler and the longest one. */
    public record Drained(long invocations, long messages, long longestInvocationMs) { }

    private final SqsClient sqs;
    private final String queueUrl;
    private final QueueHandler handler;
    private final Supplier<Context> context;

    public QueueWorkers(SqsClient sqs, String queueUrl, QueueHandler handler, Supplier<Context> context) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.context = context;
    }

    public Drained drain(int workers) {
        AtomicInteger busy = new AtomicInteger();
        AtomicLong invocations = new AtomicLong();
        AtomicLong messages = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        LocalWorkers.run(workers, () -> poll(busy, invocations, messages, longest));
        return new Drained(invocations.get(), messages.get(), longest.get());
    }

    private void poll(AtomicInteger busy, AtomicLong invocations, AtomicLong messages, AtomicLong longest) {
        while (true) {
            busy.incrementAndGet();
            List<Message> received;
            try {
                received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH_SIZE).waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
                if (!received.isEmpty()) {
                    long started = System.nanoTime();
                    QueueResponse response = handler.handleRequest(event(received), context.get());
                    longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    invocations.incrementAndGet();
                    messages.addAndGet(received.size());
                    Set<String> kept = response.getBatchItemFailures().stream()
                            .map(f -> f.getItemIdentifier()).collect(Collectors.toSet());
                    received.stream().filter(m -> !kept.contains(m.messageId())).forEach(this::delete);
                }
            } finally {
                busy.decrementAndGet();
            }
            if (received.isEmpty()) {
                if (busy.get() == 0 && queueIsEmpty()) {
                    return;
                }
                pause();
            }
        }
    }

    /**
     * Deletes a handled message. A batch that outlasted the visibility timeout was delivered again meanwhile and its
     * old receipt handle is refused: as with the event source mapping, the other delivery is handled (reconciling
     * is idempotent) and this one is let go.
     */
    private void delete(Message message) {
        try {
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        } catch (ReceiptHandleIsInvalidException e) {
            // delivered again: the other delivery deletes it
        }
    }

    private boolean queueIsEmpty() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().allMatch("0"::equals);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The messages as Lambda delivers them: body, id and receive count. */
    private static SQSEvent event(List<Message> received) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : received) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setEventSource("aws:sqs");
            record.setAttributes(new HashMap<>(Map.of("ApproximateReceiveCount",
                    m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
