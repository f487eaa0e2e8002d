package io.trustbaseline.cli;

import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;

import java.util.List;

/**
 * What an entry point gave back: which entry point it was (as a person names it), its output as the platform would
 * see it, and the reports inside.
 */
public record Invocation(String entryPoint, String output, List<Report> reports) {

    /** 2 when anything was rejected, 1 when anything failed, else 0 (compliant, applied, planned, deferred). */
    int exitCode() {
        if (reports.stream().anyMatch(r -> r.status() == Status.REJECTED)) {
            return 2;
        }
        if (reports.stream().anyMatch(r -> r.status() == Status.FAILED || r.status() == Status.PARTIAL)) {
            return 1;
        }
        return 0;
    }
}
