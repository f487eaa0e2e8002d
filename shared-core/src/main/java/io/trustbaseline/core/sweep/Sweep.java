package io.trustbaseline.core.sweep;

import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.delivery.WorkQueue;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.report.CallMeter;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ItemError;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The sweep, for every cloud: list each scope of the inventory page by page (each page one call, retried and
 * counted like any other) and enqueue one work message per target, a page at a time, on the queue the workers
 * already consume. The sweep itself reconciles nothing and holds no more than one page: the queue workers do the
 * work, in parallel up to the deployment's {@link WorkerConcurrency}. A scope that cannot be listed is reported and
 * the others are still swept.
 */
public final class Sweep {
    /** The {@code requestedBy} of the work a sweep enqueues. */
    public static final String REQUESTED_BY = "sweep";
    /** Leaves room in the 128-character request id for ":" and the target's number. */
    private static final Pattern SWEEP_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");

    private final Inventory inventory;
    private final WorkQueue queue;
    private final Retrier retrier;

    public Sweep(Inventory inventory, WorkQueue queue, Retrier retrier) {
        this.inventory = inventory;
        this.queue = queue;
        this.retrier = retrier;
    }

    /** Lists and enqueues; {@code startedAt} is every message's first sighting and names the results' partition. */
    public SweepLaunch run(String sweepId, boolean dryRun, Instant startedAt) {
        if (!SWEEP_ID.matcher(sweepId).matches()) {
            throw new IllegalArgumentException("sweepId must be 1-100 letters, digits, '.', '_', ':' or '-' (was \""
                    + sweepId + "\")");
        }
        long started = System.nanoTime();
        AtomicLong reads = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        List<InventoryScope> scopes = inventory.scopes();
        List<TargetReport> unlisted = new ArrayList<>();
        long enqueued = 0;
        for (InventoryScope scope : scopes) {
            Optional<String> token = Optional.empty();
            try {
                do {
                    Optional<String> pageToken = token;
                    InventoryPage page = retrier.call(
                            () -> CallMeter.measure(() -> inventory.page(scope, pageToken), false, reads, writes), () -> { });
                    List<WorkMessage> work = new ArrayList<>(page.targets().size());
                    for (Target target : page.targets()) {
                        work.add(WorkMessage.forTarget(Trigger.SWEEP, sweepId + ":" + (enqueued + work.size() + 1),
                                REQUESTED_BY, target, dryRun, startedAt, Optional.of(sweepId), page.listed(target)));
                    }
                    if (!work.isEmpty()) {
                        queue.send(work);
                    }
                    enqueued += work.size();
                    token = page.next();
                } while (token.isPresent());
            } catch (CloudException e) {
                unlisted.add(new TargetReport(scope.id(), Status.FAILED, "could not be listed (the work of its pages"
                        + " listed before is enqueued); the next sweep lists it again", List.of(), ItemError.of(e)));
            } catch (RuntimeException e) {
                unlisted.add(new TargetReport(scope.id(), Status.FAILED, "its work could not be enqueued; the next"
                        + " sweep lists it again", List.of(), ItemError.unexpected(e)));
            }
        }
        return new SweepLaunch(sweepId, dryRun, startedAt.toString(), scopes.size(), enqueued, unlisted,
                new Calls(reads.get(), writes.get()), (System.nanoTime() - started) / 1_000_000);
    }
}
