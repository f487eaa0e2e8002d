package io.trustbaseline.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The compliance view as text for tickets and chat: CSV (one row per item) and Markdown (the matrix and what needs attention). */
public final class TextFormats {
    private static final List<String> CSV_COLUMNS = List.of("cloud", "scope", "target", "setting", "item", "status",
            "action", "message", "error", "exemption", "ticket", "expires", "exemptionLapsed", "requestId");

    private TextFormats() { }

    public static String csv(Compliance compliance) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (Compliance.Item i : compliance.items()) {
            List<String> row = List.of(i.cloud(), i.scope(), i.target(), i.setting(), i.name(), i.status(), i.action(),
                    i.message(), i.error().isNull() ? "" : i.error().path("code").asText(),
                    i.exemption().path("name").asText(""), i.exemption().path("ticket").asText(""),
                    i.exemption().path("expires").asText(""),
                    i.exemption().isNull() ? "" : String.valueOf(i.exemptionLapsed()), i.requestId());
            out.append(row.stream().map(TextFormats::csvField).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    /**
     * RFC 4180 quoting; a field a spreadsheet would run as a formula ({@code = + - @} first) is prefixed with
     * {@code '} so that report text cannot become one.
     */
    private static String csvField(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    public static String markdown(Compliance compliance) {
        List<String> lines = new ArrayList<>();
        lines.add("## trust-baseline compliance");
        lines.add("");
        lines.add(compliance.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> "**" + e.getKey() + "** " + e.getValue()).collect(Collectors.joining(" · "))
                + " (" + compliance.runs().size() + " reports)");
        lines.add("");
        List<String> settings = compliance.settings();
        lines.add("| target | cloud | scope | " + String.join(" | ", settings) + " |");
        lines.add("|---|---|---|" + "---|".repeat(settings.size()));
        for (String target : compliance.targets()) {
            Compliance.Item first = compliance.items().stream().filter(i -> i.target().equals(target)).findFirst()
                    .orElseThrow();
            StringBuilder row = new StringBuilder("| " + md(first.targetName()) + " | " + first.cloud() + " | "
                    + md(first.scope()) + " |");
            for (String setting : settings) {
                List<Compliance.Item> cell = compliance.cell(target, setting);
                row.append(" ").append(cell.isEmpty() ? "–"
                        : Compliance.worst(cell.stream().map(Compliance.Item::status).toList())).append(" |");
            }
            lines.add(row.toString());
        }
        List<Compliance.Item> attention = compliance.items().stream()
                .filter(i -> List.of("failed", "blocked", "deferred").contains(i.status()) || i.exemptionLapsed()).toList();
        if (!attention.isEmpty()) {
            lines.add("");
            lines.add("### Needs attention");
            attention.forEach(i -> lines.add("- **" + i.status() + "** " + md(i.targetName()) + " · " + i.setting()
                    + (i.name().isEmpty() || i.name().equals(i.setting()) ? "" : " " + md(i.name())) + ": "
                    + md(i.message())));
        }
        List<Compliance.Item> exempt = compliance.exemptionsInForce();
        if (!exempt.isEmpty()) {
            lines.add("");
            lines.add("### Exemptions in force");
            exempt.forEach(i -> lines.add("- " + md(i.targetName()) + " · " + i.setting() + ": until "
                    + i.exemption().path("expires").asText() + ", " + md(i.exemption().path("ticket").asText()) + " ("
                    + md(i.exemption().path("reason").asText()) + ")"));
        }
        List<Compliance.Run> sweeps = compliance.sweeps();
        if (sweeps.size() > 1) {
            lines.add("");
            lines.add("### Trend across sweeps");
            lines.add("| sweep | status | " + String.join(" | ", Compliance.SEVERITY) + " |");
            lines.add("|---|---|" + "---|".repeat(Compliance.SEVERITY.size()));
            for (Compliance.Run run : sweeps) {
                Map<String, Integer> c = run.counts();
                lines.add("| " + md(run.requestId()) + " | " + run.status() + " | " + Compliance.SEVERITY.stream()
                        .map(s -> String.valueOf(c.getOrDefault(s, 0))).collect(Collectors.joining(" | ")) + " |");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** Report text inside a Markdown table or list: pipes escaped, one line, no HTML. */
    private static String md(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\r", " ").replace("\n", " ");
    }
}
