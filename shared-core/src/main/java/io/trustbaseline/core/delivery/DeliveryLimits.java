package io.trustbaseline.core.delivery;

import java.time.Duration;

/**
 * The queue workers' limits, in one place: the SAM template and host.json carry these values (their tests check
 * that they agree), and the workers read them from here.
 *
 * <p>One message's cloud calls take at most {@link #MESSAGE_BUDGET}: the AWS functions' retrier bounds each work item
 * by it (an attempt lasts at most the clients' call timeout, and no attempt or retry starts that would end past the
 * budget), whatever the number of calls and their retries ({@link #AZURE_MESSAGE_BUDGET} on Azure); then at most
 * {@link #END_WRITES} queue writes end the message. A Lambda worker starts a message only while {@link #startReserve} is left of its invocation, so a batch
 * never outlives the function timeout; SQS hides a received batch for six times that timeout, as AWS recommends for
 * Lambda, so a batch still in flight is not delivered twice. Work that has to wait comes back as a new message
 * ({@link DeliveryPolicy}), so the receive limits count only deliveries that ended without an answer (a crash, a
 * timeout, a queue that refused the follow-up message): {@link #UNANSWERED_DELIVERIES} of them in a row send a
 * message to the dead-letter (poison) queue.
 */
public final class DeliveryLimits {
    /** The longest one message's cloud calls may take, retries and their waits included. */
    public static final Duration MESSAGE_BUDGET = Duration.ofSeconds(60);
    /** The queue writes that end one message at most: the dead-letter queue, then its report. */
    public static final int END_WRITES = 2;
    /** Deliveries without an answer before the dead-letter queue: SQS maxReceiveCount, host.json maxDequeueCount. */
    public static final int UNANSWERED_DELIVERIES = 5;

    /** SQS → Lambda: messages per batch (the event source mapping's BatchSize). */
    public static final int SQS_BATCH_SIZE = 10;
    /**
     * The queue function's timeout: more than the first message of a full batch needs at its worst, with the writes
     * of the whole batch after it ({@link #startReserve}), at the default call timeout; the test of the template
     * derives it.
     */
    public static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(300);
    /** The requests queue's VisibilityTimeout: six times the function timeout. */
    public static final Duration SQS_VISIBILITY_TIMEOUT = LAMBDA_TIMEOUT.multipliedBy(6);

    /** host.json {@code functionTimeout}: each Storage-queue message runs in an invocation of its own. */
    public static final Duration AZURE_FUNCTION_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The longest one Azure message's cloud calls may take, retries, a long-running write's polls and their waits
     * included: the Azure functions' retrier bounds each work item by it, an attempt lasting at most the ARM HTTP
     * response timeout (60 s). It differs from {@link #MESSAGE_BUDGET} because an ARM attempt may last as long as
     * that whole budget (a budget of 60 s would hold a single call), and because each Storage-queue message has an
     * invocation of its own rather than a share of a batch's. It stays under the 230 s within which Azure's front end
     * must see an HTTP function answer, so the Reconcile function's request holds it too; the host.json test derives
     * that {@link #AZURE_FUNCTION_TIMEOUT} holds a message at its worst.
     */
    public static final Duration AZURE_MESSAGE_BUDGET = Duration.ofMinutes(3);
    /** host.json {@code queues.visibilityTimeout}: the pause before an unanswered message is delivered again. */
    public static final Duration AZURE_RETRY_VISIBILITY = Duration.ofSeconds(30);
    // host.json's batchSize follows from the clouds' rate limits: WorkerConcurrency.AZURE.

    /**
     * What has to be left of a Lambda invocation to start one more message, with calls that time out after
     * {@code callTimeout}: the message's budget and its end, then {@code batchWritesAfter}, the writes the batch may
     * still make once this message has ended (the rest of the batch postponed, the sweeps' reports recorded).
     */
    public static Duration startReserve(Duration callTimeout, int batchWritesAfter) {
        return MESSAGE_BUDGET.plus(callTimeout.multipliedBy(END_WRITES + batchWritesAfter));
    }

    private DeliveryLimits() {
    }
}
