package io.trustbaseline.cli;

import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.TargetReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Targets × settings: each item's latest status across the reports seen; where a target has several items of one
 * setting (two service accounts, say), the cell shows the one that needs attention most.
 */
final class ComplianceTable {
    /** Most attention first. */
    private static final List<ItemStatus> SEVERITY = List.of(ItemStatus.FAILED, ItemStatus.BLOCKED, ItemStatus.DEFERRED,
            ItemStatus.PLANNED, ItemStatus.APPLIED, ItemStatus.COMPLIANT);

    /** target → setting → item name → latest status. */
    private final Map<String, Map<String, Map<String, ItemStatus>>> items = new LinkedHashMap<>();
    private final Set<String> settings = new LinkedHashSet<>();
    private final List<Report> reports = new ArrayList<>();

    void add(Report report) {
        reports.add(report);
        for (TargetReport target : report.targets()) {
            Map<String, Map<String, ItemStatus>> row = items.computeIfAbsent(Summary.shortName(target.target()),
                    t -> new LinkedHashMap<>());
            for (ItemReport item : target.items()) {
                settings.add(item.setting());
                row.computeIfAbsent(item.setting(), s -> new LinkedHashMap<>()).put(item.name(), item.status());
            }
        }
    }

    private static String cell(Map<String, ItemStatus> byName) {
        return byName == null ? "-" : byName.values().stream()
                .min(Comparator.comparingInt(SEVERITY::indexOf)).map(ItemStatus::id).orElse("-");
    }

    /** Every report added, in order. */
    List<Report> reports() {
        return List.copyOf(reports);
    }

    List<String> render() {
        List<String> columns = new ArrayList<>(settings);
        int first = Math.max("target".length(), items.keySet().stream().mapToInt(String::length).max().orElse(0)) + 2;
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(Summary.pad("target", first));
        columns.forEach(c -> header.append(Summary.pad(c, c.length() + 2)));
        lines.add(header.toString().stripTrailing());
        items.forEach((target, row) -> {
            StringBuilder line = new StringBuilder(Summary.pad(target, first));
            columns.forEach(c -> line.append(Summary.pad(cell(row.get(c)), c.length() + 2)));
            lines.add(line.toString().stripTrailing());
        });
        return lines;
    }
}
