package io.trustbaseline.cli;

import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.TargetReport;

import java.util.ArrayList;
import java.util.List;

/** A report as a person reads it at a glance: what changed, what was refused and why, in a few lines. */
final class Summary {
    private Summary() { }

    static List<String> lines(Report report) {
        List<String> lines = new ArrayList<>();
        lines.add(report.status().id().toUpperCase() + "  " + report.trigger().id() + " " + report.requestId()
                + (report.dryRun() ? " (dry run)" : "") + "  [" + report.calls().reads() + " reads, "
                + report.calls().writes() + " writes, " + report.durationMs() + " ms]");
        for (FieldError e : report.errors()) {
            lines.add("    refused  " + e.field() + ": " + e.message() + " [" + e.rule() + "]");
        }
        for (TargetReport target : report.targets()) {
            lines.add("  " + shortName(target.target()) + "  " + target.status().id()
                    + (target.message() == null ? "" : "  (" + target.message() + ")"));
            if (target.error() != null) {
                lines.add("    error    " + target.error().code() + ": " + target.error().message());
            }
            for (ItemReport item : target.items()) {
                lines.add("    " + pad(item.status().id(), 9) + item.setting()
                        + (item.name().equals(item.setting()) ? "" : " " + item.name()) + ": " + item.message());
            }
        }
        return lines;
    }

    /** The last segment of an Azure id or EKS ARN, with its kind: {@code managedClusters/aks-prod-weu}. */
    static String shortName(String id) {
        if (id.startsWith("arn:")) {
            return "eks/" + id.substring(id.lastIndexOf('/') + 1);
        }
        String[] parts = id.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : id;
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
