package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.sweep.Sweep;
import io.trustbaseline.core.sweep.SweepLaunch;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The schedule: the sweep of every cluster of the sweep's regions, in the function's own account and in each
 * configured account (through the assumed sweep role), enqueued as one work message per cluster on
 * {@code trust-requests}, where the queue function reconciles them. With a results bucket, the previous sweep's
 * summary is logged first (its work has drained by now) and this launch is recorded for the next one.
 */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private final AwsRuntime runtime;
    private final Retrier retrier = new Retrier(RetryPolicy.standard());

    public SweepHandler() {
        this(AwsRuntime.shared());
    }

    public SweepHandler(AwsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String sweepId = "sweep-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID().toString());
        Instant startedAt = event != null && event.getTime() != null ? Instant.ofEpochMilli(event.getTime().getMillis()) : Instant.now();
        runtime.sweepResults().flatMap(r -> r.latest().map(r::summarize))
                .ifPresent(previous -> ReportLog.line(context, previous.toJson()));
        SweepLaunch launch = new Sweep(runtime.inventory(context), runtime.requests(), retrier)
                .run(sweepId, runtime.config().forceDryRun(), startedAt);
        runtime.sweepResults().ifPresent(r -> r.launched(launch));
        ReportLog.line(context, launch.toJson());
        return Json.MAPPER.convertValue(launch, MAP);
    }
}
