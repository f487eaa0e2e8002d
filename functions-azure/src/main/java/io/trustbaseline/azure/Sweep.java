package io.trustbaseline.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.trustbaseline.core.report.Report;

/**
 * The periodic sweep (schedule: the app setting {@code SWEEP_SCHEDULE}): every managed cluster, registry, storage
 * account and ML workspace of {@code SWEEP_SUBSCRIPTIONS} brought to the baseline, one summary report logged. What
 * is not ready or failed transiently waits for the next sweep.
 */
public final class Sweep {
    private final AzureRuntime runtime;

    public Sweep() {
        this(AzureRuntime.shared());
    }

    public Sweep(AzureRuntime runtime) {
        this.runtime = runtime;
    }

    @FunctionName("Sweep")
    public String run(@TimerTrigger(name = "timer", schedule = "%SWEEP_SCHEDULE%") String timerInfo,
                      final ExecutionContext context) {
        Report report = runtime.sweep("sweep-" + context.getInvocationId());
        String json = report.toJson();
        context.getLogger().info(json);
        ReportMetricsLog.log(context.getLogger(), report);
        return json;
    }
}
