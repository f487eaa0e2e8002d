package io.trustbaseline.cli;

import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.TargetReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Targets × settings: each cell the latest status of that setting on that target across the reports seen. */
final class ComplianceTable {
    private final Map<String, Map<String, String>> cells = new LinkedHashMap<>();
    private final Set<String> settings = new LinkedHashSet<>();

    void add(Report report) {
        for (TargetReport target : report.targets()) {
            Map<String, String> row = cells.computeIfAbsent(Summary.shortName(target.target()), t -> new LinkedHashMap<>());
            for (ItemReport item : target.items()) {
                settings.add(item.setting());
                row.put(item.setting(), item.status().id());
            }
        }
    }

    List<String> render() {
        List<String> columns = new ArrayList<>(settings);
        int first = Math.max("target".length(), cells.keySet().stream().mapToInt(String::length).max().orElse(0)) + 2;
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(Summary.pad("target", first));
        columns.forEach(c -> header.append(Summary.pad(c, c.length() + 2)));
        lines.add(header.toString().stripTrailing());
        cells.forEach((target, row) -> {
            StringBuilder line = new StringBuilder(Summary.pad(target, first));
            columns.forEach(c -> line.append(Summary.pad(row.getOrDefault(c, "-"), c.length() + 2)));
            lines.add(line.toString().stripTrailing());
        });
        return lines;
    }
}
