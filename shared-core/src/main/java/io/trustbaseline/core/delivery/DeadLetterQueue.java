package io.trustbaseline.core.delivery;

/** Where work ends that could not finish in time: the SQS dead-letter queue, the Storage queue's poison queue. */
public interface DeadLetterQueue {
    /** Puts {@code work} there with the reason it stopped; throws when the queue did not take it. */
    void put(WorkMessage work, String reason);
}
