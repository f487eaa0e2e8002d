package io.trustbaseline.core.delivery;

import java.time.Duration;

/**
 * The queue workers' limits, in one place: the SAM template and host.json carry these values (their tests check
 * that they agree), and the workers read them from here.
 *
 * <p>One message may take at most {@link #MESSAGE_BUDGET}: the retry policy's total wait plus a few call timeouts.
 * A Lambda worker starts a message only while more than that is left of its invocation, so a batch never outlives
 * the function timeout; SQS hides a received batch for six times that timeout, as AWS recommends for Lambda, so a
 * batch still in flight is not delivered twice. Work that has to wait comes back as a new message
 * ({@link DeliveryPolicy}), so the receive limits count only deliveries that ended without an answer (a crash, a
 * timeout, a queue that refused the follow-up message): {@link #UNANSWERED_DELIVERIES} of them in a row send a
 * message to the dead-letter (poison) queue.
 */
public final class DeliveryLimits {
    /** The longest one message may take. */
    public static final Duration MESSAGE_BUDGET = Duration.ofSeconds(60);
    /** Deliveries without an answer before the dead-letter queue: SQS maxReceiveCount, host.json maxDequeueCount. */
    public static final int UNANSWERED_DELIVERIES = 5;

    /** SQS → Lambda: messages per batch (the event source mapping's BatchSize). */
    public static final int SQS_BATCH_SIZE = 10;
    /** The queue function's timeout: room for {@value #WORST_CASE_MESSAGES} worst-case messages of a batch. */
    public static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(300);
    public static final int WORST_CASE_MESSAGES = 5;
    /** The requests queue's VisibilityTimeout: six times the function timeout. */
    public static final Duration SQS_VISIBILITY_TIMEOUT = LAMBDA_TIMEOUT.multipliedBy(6);

    /** host.json {@code functionTimeout}: each Storage-queue message runs in an invocation of its own. */
    public static final Duration AZURE_FUNCTION_TIMEOUT = Duration.ofMinutes(5);
    /** host.json {@code queues.visibilityTimeout}: the pause before an unanswered message is delivered again. */
    public static final Duration AZURE_RETRY_VISIBILITY = Duration.ofSeconds(30);
    // host.json's batchSize follows from the clouds' rate limits: WorkerConcurrency.AZURE.

    private DeliveryLimits() {
    }
}
