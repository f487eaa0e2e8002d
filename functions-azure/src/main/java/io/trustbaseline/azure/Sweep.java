package io.trustbaseline.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.sweep.SweepLaunch;

import java.time.Instant;

/**
 * The periodic sweep (schedule: the app setting {@code SWEEP_SCHEDULE}): every managed cluster, registry, storage
 * account and ML workspace of {@code SWEEP_SUBSCRIPTIONS}, enqueued as one work message each on
 * {@code trust-requests}, where {@link TicketQueue} reconciles them. With a results store, the previous sweep's
 * summary is logged first (its work has drained by now) and this launch is recorded for the next one.
 */
public final class Sweep {
    private final AzureRuntime runtime;
    private final Retrier retrier = new Retrier(RetryPolicy.standard());

    public Sweep() {
        this(AzureRuntime.shared());
    }

    public Sweep(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    @FunctionName("Sweep")
    public String run(@TimerTrigger(name = "timer", schedule = "%SWEEP_SCHEDULE%") String timerInfo,
                      final ExecutionContext context) {
        runtime.sweepResults().flatMap(r -> r.latest().map(r::summarize))
                .ifPresent(previous -> context.getLogger().info(previous.toJson()));
        SweepLaunch launch = new io.trustbaseline.core.sweep.Sweep(runtime.inventory(), runtime.workQueue(), retrier)
                .run("sweep-" + context.getInvocationId(), runtime.forcesDryRun(), Instant.now());
        runtime.sweepResults().ifPresent(r -> r.launched(launch));
        String json = launch.toJson();
        context.getLogger().info(json);
        return json;
    }
}
