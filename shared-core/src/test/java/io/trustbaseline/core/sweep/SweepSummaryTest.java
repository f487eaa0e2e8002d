package io.trustbaseline.core.sweep;

import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.PlanAction;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-target reports go to the results store; the summary is read back from there, counted, and stays small. */
class SweepSummaryTest {
    static final String LONG_ID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-a-rather-long-resource-group-name"
            + "/providers/Microsoft.ContainerService/managedClusters/aks-";

    private static SweepLaunch launch(long enqueued) {
        return new SweepLaunch("sweep-9", false, "2026-12-01T04:00:00Z", 1, enqueued, List.of(), new Calls(3, 0), 5);
    }

    private static Report report(int n, Status status, ItemStatus item) {
        ItemReport itemReport = new ItemReport("aks-trusted-access", "aml-central", PlanAction.CREATE, item, "m", null, null, null);
        return new Report("sweep-9:" + n, Trigger.SWEEP, false, status, "sweep",
                List.of(new TargetReport(LONG_ID + n, status, null, List.of(itemReport), null)), List.of(), new Calls(4, 1), 10);
    }

    @Test
    void workersReportsAreCountedPerStatusAndSettingAndTheCallsAddUp() {
        InProcessResultsStore store = new InProcessResultsStore();
        SweepResults results = new SweepResults(store);
        SweepLaunch launch = launch(4);
        results.launched(launch);
        results.record(launch.partition(), List.of(report(1, Status.APPLIED, ItemStatus.APPLIED), report(2, Status.COMPLIANT, ItemStatus.COMPLIANT)));
        results.record(launch.partition(), List.of(report(3, Status.DEFERRED, ItemStatus.DEFERRED)));

        SweepSummary summary = results.summarize(results.latest().orElseThrow());

        assertEquals(Map.of("applied", 1L, "compliant", 1L, "deferred", 1L), summary.byStatus());
        assertEquals(Map.of("aks-trusted-access", Map.of("applied", 1L, "compliant", 1L, "deferred", 1L)), summary.bySetting());
        assertEquals(List.of(LONG_ID + 3), summary.attention().stream().map(SweepSummary.Attention::target).toList());
        assertEquals(1, summary.pending(), "one message's report is not in yet");
        assertEquals(new Calls(3 + 12, 3), summary.calls(), "the listing's and every worker's calls");
        assertEquals(Status.DEFERRED, summary.status());
        List<String> objects = store.keys("sweeps/").stream().filter(k -> k.endsWith(".jsonl")).toList();
        assertEquals(2, objects.size());
        assertTrue(objects.stream().allMatch(k -> k.startsWith("sweeps/date=2026-12-01/sweep=sweep-9/")), objects::toString);
    }

    @Test
    void aReportStoredTwiceIsCountedOnce() {
        SweepResults results = new SweepResults(new InProcessResultsStore());
        SweepLaunch launch = launch(1);
        results.launched(launch);
        results.record(launch.partition(), List.of(report(1, Status.APPLIED, ItemStatus.APPLIED)));
        results.record(launch.partition(), List.of(report(1, Status.APPLIED, ItemStatus.APPLIED)));

        assertEquals(1, results.summarize(launch).reported());
    }

    /**
     * A request id reported again later (a message delivered again, the sweep launched again under its id) is counted
     * as its latest report says, whatever order the store lists its objects in.
     */
    @Test
    void aRequestReportedTwiceCountsAsItsLatestReport() {
        AtomicLong now = new AtomicLong(1_000);
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
        };
        SweepResults results = new SweepResults(new InProcessResultsStore(), clock);
        SweepLaunch launch = launch(1);
        results.launched(launch);
        results.record(launch.partition(), List.of(report(1, Status.DEFERRED, ItemStatus.DEFERRED)));
        now.set(2_000);
        results.record(launch.partition(), List.of(report(1, Status.APPLIED, ItemStatus.APPLIED)));
        now.set(3_000);
        results.record(launch.partition(), List.of(report(1, Status.COMPLIANT, ItemStatus.COMPLIANT)));

        SweepSummary summary = results.summarize(launch);

        assertEquals(Map.of("compliant", 1L), summary.byStatus());
        assertEquals(new Calls(3 + 4, 1), summary.calls(), "the listing's and the latest report's calls");
    }

    @Test
    void atTenThousandTargetsAllNeedingAttentionTheSummaryFitsOneApplicationInsightsLogLine() {
        SweepResults results = new SweepResults(new InProcessResultsStore());
        SweepLaunch launch = launch(10_000);
        results.launched(launch);
        for (int batch = 0; batch < 1000; batch++) {
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                reports.add(report(batch * 10 + i, Status.FAILED, ItemStatus.FAILED));
            }
            results.record(launch.partition(), reports);
        }

        SweepSummary summary = results.summarize(launch);

        assertEquals(10_000, summary.attentionTotal());
        assertEquals(SweepTally.ATTENTION_SHOWN, summary.attention().size());
        int length = summary.toJson().length();
        assertTrue(length < 32_768, "one log line of " + length + " characters");
    }
}
