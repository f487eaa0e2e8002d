package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ItemError;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.EksClusterArn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The schedule: every cluster of the sweep's regions, in the function's own account and in each configured account
 * (through the assumed sweep role), brought to the baseline, with one combined report. An account or region whose
 * clusters cannot be listed is reported as failed; the others are still swept.
 */
public final class SweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
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
        long started = System.nanoTime();
        String sweepId = "sweep-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID().toString());
        boolean dryRun = runtime.config().forceDryRun();
        Set<String> accounts = new LinkedHashSet<>();
        accounts.add(runtime.ownAccountId(context));
        accounts.addAll(runtime.config().sweepAccounts());

        List<EksClusterArn> clusters = new ArrayList<>();
        List<Report> unlisted = new ArrayList<>();
        AtomicLong listings = new AtomicLong();
        for (String account : accounts) {
            for (String region : runtime.config().regionsToSweep()) {
                try {
                    clusters.addAll(retrier.call(() -> runtime.clusters().list(account, region), listings::incrementAndGet));
                } catch (CloudException e) {
                    unlisted.add(new Report(sweepId, Trigger.SWEEP, dryRun, Status.FAILED, null,
                            List.of(new TargetReport("arn:" + EksClusterArn.partitionOf(region) + ":eks:" + region + ":"
                                    + account + ":cluster/*", Status.FAILED, "the clusters could not be listed", List.of(),
                                    ItemError.of(e))), List.of(), Calls.NONE, 0));
                }
            }
        }
        Report swept = runtime.trustBaseline().sweep(sweepId, clusters, dryRun);
        List<Report> parts = new ArrayList<>(List.of(swept));
        parts.addAll(unlisted);
        Report report = (unlisted.isEmpty() ? swept
                : Report.combine(sweepId, Trigger.SWEEP, dryRun, parts, (System.nanoTime() - started) / 1_000_000))
                .plusListingReads(listings.get());
        ReportLog.report(context, report);
        return report.toMap();
    }
}
