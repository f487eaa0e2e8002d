package io.trustbaseline.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics every report gives, named once for both clouds (docs/metrics.md): how many reports and of which
 * outcome, how many items per setting and status, the cloud writes and reads, the duration, and the exemptions that
 * lapsed. Each point carries the {@value #SERVICE_DIMENSION} dimension so that every metric has one; the cloud
 * modules only format them (CloudWatch EMF, Application Insights log lines).
 */
public final class ReportMetrics {
    public static final String NAMESPACE = "TrustBaseline";
    public static final String SERVICE_DIMENSION = "Service";
    public static final String SERVICE = "trust-baseline";

    public static final String REPORTS = "Reports";
    public static final String FAILED_REPORTS = "FailedReports";
    public static final String ITEMS = "Items";
    public static final String WRITES = "Writes";
    public static final String READS = "Reads";
    public static final String DURATION = "Duration";
    public static final String LAPSED_EXEMPTIONS = "LapsedExemptions";

    public static final String TRIGGER_DIMENSION = "Trigger";
    public static final String STATUS_DIMENSION = "Status";
    public static final String SETTING_DIMENSION = "Setting";

    /** Units as CloudWatch names them. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String id;

        Unit(String id) { this.id = id; }

        public String id() { return id; }
    }

    /** One value of one metric with its dimensions (sorted by name). */
    public record Point(String name, Unit unit, Map<String, String> dimensions, double value) {
        public Point {
            dimensions = Map.copyOf(dimensions);
        }

        public Map<String, String> sortedDimensions() { return new TreeMap<>(dimensions); }
    }

    private ReportMetrics() { }

    public static List<Point> of(Report report) {
        List<Point> points = new ArrayList<>();
        String trigger = report.trigger() == null ? "unknown" : report.trigger().id();
        points.add(count(REPORTS, 1,
                TRIGGER_DIMENSION, trigger, STATUS_DIMENSION, report.status().id()));
        points.add(count(FAILED_REPORTS, failed(report) ? 1 : 0));
        Map<List<String>, Integer> items = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        int lapsed = 0;
        for (TargetReport target : report.targets()) {
            for (ItemReport item : target.items()) {
                items.merge(List.of(item.setting(), item.status().id()), 1, Integer::sum);
                if (item.exemption() != null && item.exemption().lapsed()) {
                    lapsed++;
                }
            }
        }
        items.forEach((key, n) -> points.add(count(ITEMS, n, SETTING_DIMENSION, key.get(0), STATUS_DIMENSION, key.get(1))));
        points.add(count(WRITES, report.calls().writes()));
        points.add(count(READS, report.calls().reads()));
        points.add(new Point(DURATION, Unit.MILLISECONDS, Map.of(SERVICE_DIMENSION, SERVICE, TRIGGER_DIMENSION, trigger),
                report.durationMs()));
        points.add(count(LAPSED_EXEMPTIONS, lapsed));
        return points;
    }

    /** A report an operator must look at: something failed (rejections are the requester's to fix, not an outage). */
    public static boolean failed(Report report) {
        return report.status() == Status.FAILED || report.status() == Status.PARTIAL;
    }

    private static Point count(String name, long value, String... dimensionPairs) {
        Map<String, String> dimensions = new TreeMap<>();
        dimensions.put(SERVICE_DIMENSION, SERVICE);
        for (int i = 0; i < dimensionPairs.length; i += 2) {
            dimensions.put(dimensionPairs[i], dimensionPairs[i + 1]);
        }
        return new Point(name, Unit.COUNT, dimensions, value);
    }
}
