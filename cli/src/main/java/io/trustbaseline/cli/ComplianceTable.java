package io.trustbaseline.cli;

import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.target.Cloud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Targets × settings, one table per cloud with only that cloud's settings (so that it stays within 120 columns),
 * then a legend of the statuses: each item's latest status across the reports seen; where a target has several items
 * of one setting (two service accounts, say), the cell shows the one that needs attention most.
 */
final class ComplianceTable {
    /** Most attention first. */
    private static final List<ItemStatus> SEVERITY = List.of(ItemStatus.FAILED, ItemStatus.BLOCKED, ItemStatus.DEFERRED,
            ItemStatus.PLANNED, ItemStatus.APPLIED, ItemStatus.EXEMPT, ItemStatus.COMPLIANT);
    /** A setting id longer than this is written on two header lines, cut at a hyphen. */
    private static final int ONE_LINE_HEADER = 12;
    static final List<String> LEGEND = List.of(
            "compliant: as the baseline says, nothing written    applied: changed to the baseline    - : not a setting of it",
            "deferred: the target is not ready yet (retried later)    blocked: cannot be met as asked (the reason is in its step)",
            "failed: the cloud refused or kept failing (the error is in its step)    planned: a dry run would change it",
            "exempt: observed but not enforced, under an exemption of the baseline");

    /** cloud → target → setting → item name → latest status. */
    private final Map<Cloud, Map<String, Map<String, Map<String, ItemStatus>>>> items = new EnumMap<>(Cloud.class);
    private final Map<Cloud, Set<String>> settings = new EnumMap<>(Cloud.class);
    private final List<Report> reports = new ArrayList<>();

    void add(Report report) {
        reports.add(report);
        for (TargetReport target : report.targets()) {
            if (target.status() == Status.IGNORED) {
                continue; // an event that asked nothing: its subject is no target of the table
            }
            Cloud cloud = target.target().startsWith("arn:") ? Cloud.AWS : Cloud.AZURE;
            Map<String, Map<String, ItemStatus>> row = items.computeIfAbsent(cloud, c -> new LinkedHashMap<>())
                    .computeIfAbsent(Summary.shortName(target.target()), t -> new LinkedHashMap<>());
            for (ItemReport item : target.items()) {
                settings.computeIfAbsent(cloud, c -> new LinkedHashSet<>()).add(item.setting());
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

    /** The tables, a blank line after each, then the legend. */
    List<String> render() {
        int first = items.values().stream().flatMap(rows -> rows.keySet().stream()).mapToInt(String::length)
                .max().orElse(0) + 2;
        List<String> lines = new ArrayList<>();
        items.forEach((cloud, rows) -> {
            List<String> columns = new ArrayList<>(settings.getOrDefault(cloud, Set.of()));
            List<String[]> headers = columns.stream().map(ComplianceTable::header).toList();
            List<Integer> widths = headers.stream().map(h -> Math.max(Math.max(h[0].length(), h[1].length()),
                    "compliant".length()) + 2).toList();
            StringBuilder top = new StringBuilder(Summary.pad(cloud == Cloud.AWS ? "AWS" : "Azure", first));
            StringBuilder bottom = new StringBuilder(" ".repeat(first));
            for (int i = 0; i < columns.size(); i++) {
                top.append(Summary.pad(headers.get(i)[0], widths.get(i)));
                bottom.append(Summary.pad(headers.get(i)[1], widths.get(i)));
            }
            lines.add(top.toString().stripTrailing());
            if (!bottom.toString().isBlank()) {
                lines.add(bottom.toString().stripTrailing());
            }
            rows.forEach((target, row) -> {
                StringBuilder line = new StringBuilder(Summary.pad(target, first));
                for (int i = 0; i < columns.size(); i++) {
                    line.append(Summary.pad(cell(row.get(columns.get(i))), widths.get(i)));
                }
                lines.add(line.toString().stripTrailing());
            });
            lines.add("");
        });
        lines.addAll(LEGEND);
        return lines;
    }

    /** A setting id on one header line, or on two cut after the hyphen nearest its middle. */
    private static String[] header(String setting) {
        if (setting.length() <= ONE_LINE_HEADER) {
            return new String[] {setting, ""};
        }
        int cut = -1;
        for (int i = setting.indexOf('-'); i >= 0; i = setting.indexOf('-', i + 1)) {
            if (cut < 0 || Math.abs(i + 1 - setting.length() / 2.0) < Math.abs(cut - setting.length() / 2.0)) {
                cut = i + 1;
            }
        }
        return cut < 0 ? new String[] {setting, ""} : new String[] {setting.substring(0, cut), setting.substring(cut)};
    }
}
