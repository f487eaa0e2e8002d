package io.trustbaseline.azure.local;

import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.TicketQueue;
import io.trustbaseline.core.delivery.DeadLetterQueue;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.sweep.LocalWorkers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code trust-requests} for local runs on Azure's side, in this process: the local command and the demo need only
 * a JDK, and the Storage queue emulator (Azurite) is a Node program, so the messages wait here instead and
 * {@link #drain} hands each to the real {@link TicketQueue} function from {@code workers} threads, as the Functions
 * host does up to batchSize + newBatchThreshold at a time. A message whose function threw comes back until
 * host.json's maxDequeueCount, as on the Storage queue.
 */
public final class InProcessQueue implements WorkQueue, DeadLetterQueue {
    /** A message with when it was put on the queue (the trigger's InsertionTime) and how often it was taken. */
    private record Queued(String body, Instant insertedAt, long dequeueCount) { }

    /** How the queue was drained: invocations of the function and the longest one. */
    public record Drained(long invocations, long longestInvocationMs) { }

    private final ConcurrentLinkedQueue<Queued> messages = new ConcurrentLinkedQueue<>();
    /** What the function wrote to its {@code trust-results} output binding, in order. */
    private final ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();

    @Override
    public void send(List<WorkMessage> work) {
        work.forEach(w -> messages.add(new Queued(w.toJson(), Instant.now(), 0)));
    }

    /** Locally the delay is not waited out: the message is handed to the next free worker. */
    @Override
    public void sendLater(WorkMessage message, Duration delay) {
        messages.add(new Queued(message.toJson(), Instant.now(), 0));
    }

    /** Work that ended past its deadline: its report is on {@code trust-results}; locally nothing more is kept. */
    @Override
    public void put(WorkMessage work, String reason) {
    }

    /** Takes the reports the function wrote to {@code trust-results} so far. */
    public List<String> takeResults() {
        List<String> taken = new ArrayList<>();
        for (String r; (r = results.poll()) != null; ) {
            taken.add(r);
        }
        return taken;
    }

    public Drained drain(AzureRuntime runtime, int workers) {
        TicketQueue function = new TicketQueue(runtime);
        AtomicLong invocations = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        LocalWorkers.run(workers, () -> {
            Queued next;
            while ((next = messages.poll()) != null) {
                long dequeueCount = next.dequeueCount() + 1;
                long started = System.nanoTime();
                LocalOutput<String> result = new LocalOutput<>();
                try {
                    function.work(next.body(), next.insertedAt(), result, new LocalInvocation("TicketQueue"));
                    if (result.getValue() != null) {
                        results.add(result.getValue());
                    }
                } catch (RuntimeException e) {
                    if (dequeueCount < DeliveryLimits.UNANSWERED_DELIVERIES) {
                        messages.add(new Queued(next.body(), next.insertedAt(), dequeueCount));
                    }
                }
                longest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                invocations.incrementAndGet();
            }
        });
        return new Drained(invocations.get(), longest.get());
    }
}
