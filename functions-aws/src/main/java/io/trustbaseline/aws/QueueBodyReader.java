package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.Trigger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads one queue message: an EventBridge CreateCluster event becomes work that brings the cluster to the baseline
 * (a failed CreateCluster is answered at once: nothing was created); anything else is read by the core's worker as
 * a work message or a ticket.
 */
final class QueueBodyReader {
    private final QueueWorker worker;
    private final boolean forceDryRun;

    QueueBodyReader(QueueWorker worker, boolean forceDryRun) {
        this.worker = worker;
        this.forceDryRun = forceDryRun;
    }

    QueueWorker.Incoming read(String body, Instant firstSeenAt) {
        JsonNode message = Json.parseOrNull(body);
        if (!CloudTrailEvents.isEventBridgeEvent(message)) {
            return worker.read(message, body, firstSeenAt);
        }
        CloudTrailEvents.CreateCluster event;
        try {
            event = CloudTrailEvents.read(message);
        } catch (InvalidInputException e) {
            String id = message.path("id").isTextual() ? message.path("id").textValue() : null;
            return new QueueWorker.Answer(Report.rejected(id, Trigger.EVENT, forceDryRun, null, e.errors(), 0));
        }
        if (event instanceof CloudTrailEvents.CreateFailed failed) {
            return new QueueWorker.Answer(new Report(failed.eventId(), Trigger.EVENT, forceDryRun, Status.IGNORED,
                    failed.requestedBy(), List.of(new TargetReport(failed.cluster(), Status.IGNORED, "CreateCluster failed ("
                            + failed.errorCode() + "): no cluster was created, nothing to do", List.of(), null)),
                    List.of(), Calls.NONE, 0));
        }
        CloudTrailEvents.ClusterCreated created = (CloudTrailEvents.ClusterCreated) event;
        return new QueueWorker.Work(WorkMessage.forTarget(Trigger.EVENT, created.eventId(), created.requestedBy(),
                created.cluster(), false, firstSeenAt, Optional.empty()));
    }
}
