package io.trustbaseline.azure.local;

import io.trustbaseline.core.delivery.DeadLetterQueue;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code trust-requests} queue inside one process, outside the Functions host: it keeps what the functions
 * enqueue so that a local run can hand each message to the worker itself ({@link LocalDelivery}). Delays are
 * recorded, never waited for.
 */
public final class LocalQueue implements WorkQueue, DeadLetterQueue {
    /** A message as enqueued: visible at once, or after {@code delay}. */
    public record Sent(WorkMessage message, Duration delay) { }

    /** A message put on the poison queue, with why. */
    public record DeadLetter(WorkMessage message, String reason) { }

    private final List<Sent> pending = new ArrayList<>();
    private final List<Sent> delayed = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    @Override
    public synchronized void send(List<WorkMessage> messages) {
        messages.forEach(m -> pending.add(new Sent(m, Duration.ZERO)));
    }

    @Override
    public synchronized void sendLater(WorkMessage message, Duration delay) {
        delayed.add(new Sent(message, delay));
    }

    @Override
    public synchronized void put(WorkMessage work, String reason) {
        deadLetters.add(new DeadLetter(work, reason));
    }

    /** The messages visible now, removed from the queue, oldest first. */
    public synchronized List<WorkMessage> takeVisible() {
        List<WorkMessage> out = pending.stream().map(Sent::message).toList();
        pending.clear();
        return out;
    }

    /** The messages waiting for their delay (a local run does not wait for them). */
    public synchronized List<Sent> delayed() { return List.copyOf(delayed); }

    public synchronized List<DeadLetter> deadLetters() { return List.copyOf(deadLetters); }
}
