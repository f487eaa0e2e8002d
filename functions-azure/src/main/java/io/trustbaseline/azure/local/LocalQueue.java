package io.trustbaseline.azure.local;

import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.TicketQueue;
import io.trustbaseline.core.delivery.DeadLetterQueue;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.sweep.LocalWorkers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code trust-requests} and its poison queue for local runs on Azure's side, in this process: the local command and
 * the demo need only a JDK, and the Storage queue emulator (Azurite) is a Node program. Events, tickets and a sweep's
 * work wait here, as on the one Storage queue in the cloud, and {@link #drain} hands each to the real
 * {@link TicketQueue} function from {@code workers} threads, as the Functions host does up to batchSize +
 * newBatchThreshold at a time. A message whose function threw comes back until host.json's maxDequeueCount, as on the
 * Storage queue. Delayed messages (waiting work) and poisoned ones are recorded, never waited for.
 */
public final class LocalQueue implements WorkQueue, DeadLetterQueue {
    /** A message enqueued with a delay: the work comes back after {@code delay}. */
    public record Sent(WorkMessage message, Duration delay) { }

    /** A message put on the poison queue, with why. */
    public record DeadLetter(WorkMessage message, String reason) { }

    /** How the queue was drained: invocations of the function and the longest one. */
    public record Drained(long invocations, long longestInvocationMs) { }

    /** A message with when it was put on the queue (the trigger's InsertionTime) and how often it was taken. */
    private record Queued(String body, Instant insertedAt, long dequeueCount) { }

    private final ConcurrentLinkedQueue<Queued> visible = new ConcurrentLinkedQueue<>();
    private final List<Sent> delayed = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    /** What the function wrote to its {@code trust-results} output binding, in order. */
    private final ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();

    @Override
    public void send(List<WorkMessage> messages) {
        Instant now = Instant.now();
        messages.forEach(m -> visible.add(new Queued(m.toJson(), now, 0)));
    }

    @Override
    public synchronized void sendLater(WorkMessage message, Duration delay) {
        delayed.add(new Sent(message, delay));
    }

    @Override
    public synchronized void put(WorkMessage work, String reason) {
        deadLetters.add(new DeadLetter(work, reason));
    }

    /** The messages waiting for their delay (a local run does not wait for them). */
    public synchronized List<Sent> delayed() { return List.copyOf(delayed); }

    public synchronized List<DeadLetter> deadLetters() { return List.copyOf(deadLetters); }

    /** Takes the reports the function wrote to {@code trust-results} so far. */
    public List<String> takeResults() {
        List<String> taken = new ArrayList<>();
        for (String r; (r = results.poll()) != null; ) {
            taken.add(r);
        }
        return taken;
    }

    public Drained drain(AzureRuntime runtime, int workers) {
        return drain(runtime, workers, outcome -> { });
    }

    /** Hands every visible message to the function; {@code outcomes} hears how each ended. */
    public Drained drain(AzureRuntime runtime, int workers, Consumer<QueueWorker.Outcome> outcomes) {
        TicketQueue function = new TicketQueue(runtime);
        AtomicLong invocations = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        LocalWorkers.run(workers, () -> {
            Queued next;
            while ((next = visible.poll()) != null) {
                long dequeueCount = next.dequeueCount() + 1;
                long started = System.nanoTime();
                LocalOutput<String> result = new LocalOutput<>();
                try {
                    outcomes.accept(function.work(next.body(), next.insertedAt(), result, new LocalInvocation("TicketQueue")));
                    if (result.getValue() != null) {
                        results.add(result.getValue());
                    }
                } catch (RuntimeException e) {
                    if (dequeueCount < DeliveryLimits.UNANSWERED_DELIVERIES) {
                        visible.add(new Queued(next.body(), next.insertedAt(), dequeueCount));
                    }
                }
                longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                invocations.incrementAndGet();
            }
        });
        return new Drained(invocations.get(), longest.get());
    }
}
