package io.trustbaseline.core.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;

import java.util.List;
import java.util.Map;

/**
 * One sweep in one log line: how many targets ended in each status, each setting's item outcomes, the first targets
 * that need attention (all of them are counted, and their full reports are in the results store under
 * {@code results}), the scopes that could not be listed, and the calls of the listing and of every worker.
 * {@code pending} counts the work enqueued whose report is not in yet.
 */
@JsonIgnoreProperties(value = "trigger", allowGetters = true)
@JsonPropertyOrder({"sweepId", "trigger", "dryRun", "status", "startedAt", "enqueued", "reported", "pending",
        "byStatus", "bySetting", "attention", "attentionTotal", "unlisted", "calls", "results", "durationMs"})
public record SweepSummary(String sweepId, boolean dryRun, Status status, String startedAt, long enqueued,
                           long reported, long pending, Map<String, Long> byStatus,
                           Map<String, Map<String, Long>> bySetting, List<Attention> attention, long attentionTotal,
                           List<TargetReport> unlisted, Calls calls, String results, long durationMs) {

    /** A target that is not compliant or applied, and why: its settings' outcomes or its error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attention(String target, Status status, String reason) { }

    @JsonProperty("trigger")
    public Trigger trigger() { return Trigger.SWEEP; }

    public String toJson() { return Json.write(this); }
}
