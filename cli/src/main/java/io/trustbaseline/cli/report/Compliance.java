package io.trustbaseline.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the estate stands according to a series of reports: each target's items at their latest report (a later
 * report of the same target, setting and item replaces an earlier one), and per report the count of each status, for
 * the trend across sweeps.
 */
public final class Compliance {
    /** Item statuses, most attention first: a cell of several items shows the first of these it holds. */
    public static final List<String> SEVERITY = List.of("failed", "blocked", "deferred", "planned", "applied", "exempt",
            "compliant");
    /** The column a target's own error (it could not be read) is shown in. */
    public static final String TARGET_COLUMN = "(target)";

    /** One item at its latest report, with where its target is. */
    public record Item(String target, String cloud, String scope, String targetName, String setting, String name,
                       String status, String action, String message, JsonNode before, JsonNode after, JsonNode error,
                       JsonNode exemption, String requestId, String source) {

        public boolean exemptInForce() {
            return status.equals("exempt") && !exemption.path("lapsed").asBoolean(false);
        }

        public boolean exemptionLapsed() {
            return exemption.path("lapsed").asBoolean(false);
        }
    }

    /** One report read: what it was, and how many of its items ended in each status. */
    public record Run(String requestId, String trigger, String status, boolean dryRun, String recordedAt, String source,
                      Map<String, Integer> counts) { }

    private final Map<String, Item> latest = new LinkedHashMap<>();
    private final List<Run> runs = new ArrayList<>();

    public static Compliance of(List<ReportFiles.Found> reports) {
        Compliance compliance = new Compliance();
        reports.forEach(compliance::add);
        return compliance;
    }

    private void add(ReportFiles.Found found) {
        JsonNode report = found.report();
        String requestId = report.path("requestId").asText();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode target : report.path("targets")) {
            String id = target.path("target").asText();
            if (target.hasNonNull("error")) {
                put(id, TARGET_COLUMN, "", target.path("status").asText(), "", target.path("message").asText(""),
                        NullNode.instance, NullNode.instance, target.path("error"), NullNode.instance, requestId, found,
                        counts);
            }
            for (JsonNode item : target.path("items")) {
                put(id, item.path("setting").asText(), item.path("name").asText(""), item.path("status").asText(),
                        item.path("action").asText(""), item.path("message").asText(""), item.path("before"),
                        item.path("after"), item.path("error"), item.path("exemption"), requestId, found, counts);
            }
        }
        runs.add(new Run(requestId, report.path("trigger").asText(""), report.path("status").asText(),
                report.path("dryRun").asBoolean(false), found.recordedAt(), found.source(), counts));
    }

    private void put(String target, String setting, String name, String status, String action, String message,
                     JsonNode before, JsonNode after, JsonNode error, JsonNode exemption, String requestId,
                     ReportFiles.Found found, Map<String, Integer> counts) {
        Optional<Target> parsed = parseTarget(target);
        Item item = new Item(target, parsed.map(t -> t.cloud().id()).orElse("unknown"),
                parsed.map(Target::scope).orElse(""), parsed.map(Target::name).orElse(target), setting, name, status,
                action, message, orNull(before), orNull(after), orNull(error), orNull(exemption), requestId,
                found.source());
        latest.remove(target + "\u0000" + setting + "\u0000" + name); // re-inserted last: the newest report's order
        latest.put(target + "\u0000" + setting + "\u0000" + name, item);
        counts.merge(status, 1, Integer::sum);
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null || node.isMissingNode() ? NullNode.instance : node;
    }

    private static Optional<Target> parseTarget(String id) {
        StringBuilder ignored = new StringBuilder();
        return id.startsWith("arn:")
                ? EksClusterArn.tryParse(id, ignored).map(Target.class::cast)
                : AzureResourceId.tryParse(id, ignored).map(Target.class::cast);
    }

    /** Every item at its latest report, targets in the order first seen. */
    public List<Item> items() {
        List<String> order = new ArrayList<>(targets());
        return latest.values().stream().sorted(Comparator.comparingInt(i -> order.indexOf(i.target()))).toList();
    }

    public List<String> targets() {
        Set<String> out = new LinkedHashSet<>();
        latest.values().forEach(i -> out.add(i.target()));
        return List.copyOf(out);
    }

    public List<String> settings() {
        Set<String> out = new LinkedHashSet<>();
        latest.values().forEach(i -> out.add(i.setting()));
        return List.copyOf(out);
    }

    public List<Run> runs() { return List.copyOf(runs); }

    /** The sweeps among the runs, oldest first: the trend. */
    public List<Run> sweeps() {
        return runs.stream().filter(r -> r.trigger().equals("sweep")).toList();
    }

    /** How many items are in each status now, in severity order. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        SEVERITY.forEach(s -> out.put(s, 0L));
        latest.values().forEach(i -> out.merge(i.status(), 1L, Long::sum));
        return out;
    }

    public List<Item> exemptionsInForce() {
        return items().stream().filter(Item::exemptInForce).toList();
    }

    /** The status a cell of these items shows: the one needing most attention. */
    public static String worst(Collection<String> statuses) {
        return statuses.stream().min(Comparator.comparingInt(Compliance::rank)).orElse("");
    }

    private static int rank(String status) {
        int i = SEVERITY.indexOf(status);
        return i < 0 ? SEVERITY.size() : i;
    }

    /** The items of one cell. */
    public List<Item> cell(String target, String setting) {
        return items().stream().filter(i -> i.target().equals(target) && i.setting().equals(setting)).toList();
    }
}
