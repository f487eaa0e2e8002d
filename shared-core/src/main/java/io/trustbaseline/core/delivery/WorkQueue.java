package io.trustbaseline.core.delivery;

import java.time.Duration;
import java.util.List;

/**
 * The {@code trust-requests} queue as the functions write to it: SQS on AWS, a Storage queue on Azure. Each cloud's
 * adapter sends in the largest batches its API allows.
 */
public interface WorkQueue {

    /** Enqueues each message, visible at once; throws when any of them could not be enqueued. */
    void send(List<WorkMessage> messages);

    /** Enqueues one message that becomes visible only after {@code delay}: work that has to wait for its target. */
    void sendLater(WorkMessage message, Duration delay);
}
