package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.Trigger;

import java.util.List;

/**
 * Turns one queue message into its report: an EventBridge CreateCluster event becomes a baseline request for the
 * cluster; anything else is read as a ticket (a request document), which the core validates.
 */
final class Messages {
    private final TrustBaseline trustBaseline;
    private final boolean forceDryRun;

    Messages(TrustBaseline trustBaseline, boolean forceDryRun) {
        this.trustBaseline = trustBaseline;
        this.forceDryRun = forceDryRun;
    }

    Report handle(String body) {
        JsonNode message = parseOrNull(body);
        if (!CloudTrailEvents.isEventBridgeEvent(message)) {
            return trustBaseline.handle(body, Trigger.TICKET, forceDryRun);
        }
        long started = System.nanoTime();
        CloudTrailEvents.CreateCluster event;
        try {
            event = CloudTrailEvents.read(message);
        } catch (InvalidInputException e) {
            String id = message.path("id").isTextual() ? message.path("id").textValue() : null;
            return Report.rejected(id, Trigger.EVENT, forceDryRun, null, e.errors(), millisSince(started));
        }
        if (event instanceof CloudTrailEvents.CreateFailed failed) {
            return new Report(failed.eventId(), Trigger.EVENT, forceDryRun, Status.COMPLIANT, failed.requestedBy(),
                    List.of(new TargetReport(failed.cluster(), Status.COMPLIANT, "CreateCluster failed ("
                            + failed.errorCode() + "): no cluster was created, nothing to do", List.of(), null)),
                    List.of(), Calls.NONE, millisSince(started));
        }
        CloudTrailEvents.ClusterCreated created = (CloudTrailEvents.ClusterCreated) event;
        return trustBaseline.handle(Request.baseline(created.eventId(), created.requestedBy(), Trigger.EVENT,
                created.cluster(), forceDryRun));
    }

    /** The message as JSON, or null when it is not JSON (the core then rejects it as a request, naming why). */
    private static JsonNode parseOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
