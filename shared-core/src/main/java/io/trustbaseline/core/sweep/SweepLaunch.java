package io.trustbaseline.core.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * What a sweep invocation did: how many scopes it listed, how much work it enqueued, the scopes it could not list,
 * and its own calls (the listing pages). The outcome of the work comes later, in the {@link SweepSummary}.
 */
@JsonIgnoreProperties(value = "trigger", allowGetters = true)
@JsonPropertyOrder({"sweepId", "trigger", "dryRun", "startedAt", "scopes", "enqueued", "unlisted", "calls", "durationMs"})
public record SweepLaunch(String sweepId, boolean dryRun, String startedAt, int scopes, long enqueued,
                          List<TargetReport> unlisted, Calls calls, long durationMs) {
    public SweepLaunch {
        Instant.parse(startedAt);
        unlisted = List.copyOf(unlisted);
    }

    @JsonProperty("trigger")
    public Trigger trigger() { return Trigger.SWEEP; }

    public SweepPartition partition() { return SweepPartition.of(Instant.parse(startedAt), sweepId); }

    public String toJson() { return Json.write(this); }

    public static SweepLaunch fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, SweepLaunch.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a sweep launch record: " + e.getMessage(), e);
        }
    }
}
