package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.request.Trigger;

import java.util.List;

/** One report per request ({@code events-samples/schema/report.schema.json}). */
@JsonPropertyOrder({"requestId", "trigger", "dryRun", "status", "requestedBy", "targets", "errors", "calls", "durationMs"})
public record Report(String requestId, Trigger trigger, boolean dryRun, Status status,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String requestedBy,
                     List<TargetReport> targets, List<FieldError> errors, Calls calls, long durationMs) {

    public Report {
        targets = List.copyOf(targets);
        errors = List.copyOf(errors);
    }

    /** A request refused before any cloud call: bad input or a guardrail. */
    public static Report rejected(String requestId, Trigger trigger, boolean dryRun, String requestedBy,
                                  List<FieldError> errors, long durationMs) {
        return new Report(requestId == null ? "unknown" : requestId, trigger, dryRun, Status.REJECTED, requestedBy,
                List.of(), errors, Calls.NONE, durationMs);
    }

    /**
     * This report as the request's last word when it stopped before finishing (its readiness deadline passed):
     * failed, with {@code why} among its errors.
     */
    public Report endedBy(FieldError why) {
        List<FieldError> all = new java.util.ArrayList<>(errors);
        all.add(why);
        return new Report(requestId, trigger, dryRun, Status.FAILED, requestedBy, targets, all, calls, durationMs);
    }

    /** Whether the trigger should deliver this request again: a target not ready, or a transient failure. */
    @JsonIgnore
    public boolean retryable() {
        return targets.stream().anyMatch(TargetReport::retryable);
    }

    /** The report as JSON, with every credential-shaped value in any field redacted ({@link Redaction}). */
    public String toJson() { return Redaction.scrub(Json.write(this)); }

    /** The redacted report as a plain map, for platforms that serialise a handler's result themselves. */
    public java.util.Map<String, Object> toMap() {
        try {
            return Json.MAPPER.readValue(toJson(), new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Several reports as one JSON array, redacted as {@link #toJson} is. */
    public static String toJson(List<Report> reports) { return Redaction.scrub(Json.write(reports)); }
}
