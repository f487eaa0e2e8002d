package io.trustbaseline.core.sweep;

import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Folds a sweep's per-target reports into its {@link SweepSummary} one at a time, keeping counts and only the first
 * {@link #ATTENTION_SHOWN} targets that need attention (the rest are counted; every one is in the results store).
 * Not thread-safe: one summarizer reads one partition.
 */
public final class SweepTally {
    /** Enough to act on from a log line; 40 Azure resource ids with their statuses stay far below 32,768 chars. */
    public static final int ATTENTION_SHOWN = 40;

    private final Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    private final Map<String, Map<ItemStatus, Long>> bySetting = new TreeMap<>();
    private final List<SweepSummary.Attention> attention = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long attentionTotal;
    private long targets;
    private Calls calls = Calls.NONE;

    /**
     * Adds one worker's report. A request id reported twice (a message delivered again after its report was written,
     * a sweep launched again under the same id) is counted once: the first added wins, and {@link SweepResults}
     * hands the latest written first.
     */
    public void add(Report report) {
        if (!seen.add(report.requestId())) {
            return;
        }
        calls = calls.plus(report.calls());
        if (report.targets().isEmpty()) {
            count(report.status(), report.requestId(), report.errors().isEmpty() ? null
                    : report.errors().get(0).field() + ": " + report.errors().get(0).message());
            return;
        }
        for (TargetReport target : report.targets()) {
            for (ItemReport item : target.items()) {
                bySetting.computeIfAbsent(item.setting(), s -> new EnumMap<>(ItemStatus.class)).merge(item.status(), 1L, Long::sum);
            }
            count(target.status(), target.target(), reason(target));
        }
    }

    private void count(Status status, String target, String reason) {
        targets++;
        byStatus.merge(status, 1L, Long::sum);
        if (status != Status.COMPLIANT && status != Status.APPLIED) {
            attentionTotal++;
            if (attention.size() < ATTENTION_SHOWN) {
                attention.add(new SweepSummary.Attention(target, status, reason));
            }
        }
    }

    /** The settings that are not compliant or applied, such as {@code aks-trusted-access:deferred}; else the message. */
    private static String reason(TargetReport target) {
        String items = target.items().stream()
                .filter(i -> i.status() != ItemStatus.COMPLIANT && i.status() != ItemStatus.APPLIED)
                .map(i -> i.setting() + ":" + i.status().id()).distinct().collect(Collectors.joining(", "));
        if (!items.isEmpty()) {
            return items;
        }
        return target.error() != null ? target.error().code() : target.message();
    }

    public SweepSummary summary(SweepLaunch launch, long durationMs) {
        Map<String, Long> statuses = new TreeMap<>();
        byStatus.forEach((s, n) -> statuses.put(s.id(), n));
        Map<String, Map<String, Long>> settings = new TreeMap<>();
        bySetting.forEach((setting, counts) -> {
            Map<String, Long> byItem = new TreeMap<>();
            counts.forEach((s, n) -> byItem.put(s.id(), n));
            settings.put(setting, byItem);
        });
        List<Status> outcomes = new ArrayList<>(byStatus.keySet());
        if (!launch.unlisted().isEmpty()) {
            outcomes.add(Status.FAILED);
        }
        long pending = Math.max(0, launch.enqueued() - targets);
        if (pending > 0) {
            outcomes.add(Status.DEFERRED);
        }
        Status status = outcomes.isEmpty() ? Status.COMPLIANT : Status.rollUp(outcomes);
        return new SweepSummary(launch.sweepId(), launch.dryRun(), status, launch.startedAt(), launch.enqueued(),
                targets, pending, statuses, settings, List.copyOf(attention), attentionTotal, launch.unlisted(),
                calls.plus(launch.calls()), launch.partition().prefix(), durationMs);
    }
}
