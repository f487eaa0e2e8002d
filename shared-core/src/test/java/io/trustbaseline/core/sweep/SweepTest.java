package io.trustbaseline.core.sweep;

import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep lists page by page, retrying and counting each page, and enqueues one work message per target. */
class SweepTest {
    static final Instant STARTED = Instant.parse("2026-12-01T04:00:00Z");

    /** A queue that keeps what is sent, batch by batch. */
    static final class RecordingQueue implements WorkQueue {
        final List<List<WorkMessage>> batches = new ArrayList<>();

        @Override
        public void send(List<WorkMessage> messages) { batches.add(List.copyOf(messages)); }

        @Override
        public void sendLater(WorkMessage message, Duration delay) { throw new AssertionError("a sweep sends at once"); }

        List<WorkMessage> all() { return batches.stream().flatMap(List::stream).toList(); }
    }

    /** Scopes of {@code perScope} clusters each, served {@code pageSize} at a time; a scope may fail or throttle first. */
    static final class PagedInventory implements Inventory {
        final List<InventoryScope> scopes = new ArrayList<>();
        final int perScope;
        final int pageSize;
        int calls;
        int throttleFirst;
        String failing;

        PagedInventory(int scopeCount, int perScope, int pageSize) {
            this.perScope = perScope;
            this.pageSize = pageSize;
            for (int i = 0; i < scopeCount; i++) {
                String account = String.format("%012d", 100000000000L + i);
                scopes.add(new InventoryScope("arn:aws:eks:eu-west-1:" + account + ":cluster/*", account, "eu-west-1", "eks-cluster"));
            }
        }

        @Override
        public List<InventoryScope> scopes() { return scopes; }

        @Override
        public InventoryPage page(InventoryScope scope, Optional<String> token) {
            calls++;
            if (throttleFirst > 0) {
                throttleFirst--;
                throw CloudException.transientFailure("ThrottlingException", "Rate exceeded", null, null);
            }
            if (scope.id().equals(failing)) {
                throw CloudException.accessDenied("AccessDenied", "not authorized", "eks:ListClusters", null);
            }
            int from = token.map(Integer::parseInt).orElse(0);
            int to = Math.min(from + pageSize, perScope);
            List<Target> page = IntStream.range(from, to)
                    .<Target>mapToObj(i -> EksClusterArn.of(scope.region(), scope.account(), "c" + i)).toList();
            return new InventoryPage(page, to < perScope ? Optional.of(String.valueOf(to)) : Optional.empty());
        }
    }

    private static Retrier retrier() {
        return new Retrier(RetryPolicy.standard(), d -> { }, java.util.random.RandomGenerator.getDefault());
    }

    @Test
    void everyPageOfEveryScopeIsListedAndEachTargetEnqueuedOnceAsSweepWork() {
        PagedInventory inventory = new PagedInventory(3, 250, 100);
        RecordingQueue queue = new RecordingQueue();

        SweepLaunch launch = new Sweep(inventory, queue, retrier()).run("sweep-1", false, STARTED);

        assertEquals(750, launch.enqueued());
        assertEquals(9, launch.calls().reads(), "3 pages per scope");
        assertEquals(750, queue.all().stream().map(w -> w.request().path("target").path("eksClusterArn").asText()).distinct().count());
        assertTrue(queue.all().stream().allMatch(w -> w.trigger() == Trigger.SWEEP && w.sweepId().equals(Optional.of("sweep-1"))
                && w.firstSeenAt().equals(STARTED)));
        assertEquals(750, queue.all().stream().map(w -> w.requestId().orElseThrow()).distinct().count(), "request ids are unique");
    }

    @Test
    void noSendHoldsMoreThanOnePage() {
        PagedInventory inventory = new PagedInventory(1, 1000, 100);
        RecordingQueue queue = new RecordingQueue();

        new Sweep(inventory, queue, retrier()).run("sweep-1", false, STARTED);

        assertEquals(10, queue.batches.size());
        assertTrue(queue.batches.stream().allMatch(b -> b.size() == 100));
    }

    @Test
    void aThrottledPageIsRetriedAndEachAttemptCounted() {
        PagedInventory inventory = new PagedInventory(1, 10, 100);
        inventory.throttleFirst = 2;

        SweepLaunch launch = new Sweep(inventory, new RecordingQueue(), retrier()).run("sweep-1", false, STARTED);

        assertEquals(10, launch.enqueued());
        assertEquals(3, launch.calls().reads());
        assertEquals(3, inventory.calls);
    }

    @Test
    void aScopeThatCannotBeListedIsReportedAndTheOthersAreStillEnqueued() {
        PagedInventory inventory = new PagedInventory(2, 5, 100);
        inventory.failing = inventory.scopes.get(0).id();

        SweepLaunch launch = new Sweep(inventory, new RecordingQueue(), retrier()).run("sweep-1", true, STARTED);

        assertEquals(5, launch.enqueued());
        assertEquals(1, launch.unlisted().size());
        assertEquals(inventory.failing, launch.unlisted().get(0).target());
        assertEquals("AccessDenied", launch.unlisted().get(0).error().code());
    }

    @Test
    void aSweepIdThatWouldMakeRequestIdsTooLongIsRefusedNamingTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sweep(new PagedInventory(1, 1, 1), new RecordingQueue(), retrier()).run("s".repeat(101), false, STARTED));
        assertTrue(e.getMessage().startsWith("sweepId must be 1-100"), e.getMessage());
    }
}
