package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Redaction;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.sweep.SweepPartition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code trust-requests} queue: EventBridge CreateCluster events and tickets. Each message's report goes to
 * the results queue (when configured) and to the log. A message whose target is not ready or that failed
 * transiently is a batch item failure, so SQS delivers it again (and dead-letters it after maxReceiveCount); so is
 * one whose report could not be sent. An invalid message is answered with a rejection report and not retried.
 */
public final class QueueHandler implements RequestHandler<SQSEvent, QueueResponse> {
    private final AwsRuntime runtime;
    private final Messages messages;

    public QueueHandler() {
        this(AwsRuntime.shared());
    }

    public QueueHandler(AwsRuntime runtime) {
        this.runtime = runtime;
        this.messages = new Messages(runtime.trustBaseline(), runtime.config().forceDryRun());
    }

    @Override
    public QueueResponse handleRequest(SQSEvent event, Context context) {
        List<BatchItemFailure> failures = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        List<SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Map<SweepPartition, List<Report>> swept = new LinkedHashMap<>();
        Map<SweepPartition, List<String>> sweptIds = new LinkedHashMap<>();
        for (SQSMessage message : records) {
            Report report;
            try {
                report = messages.handle(message.getBody());
            } catch (RuntimeException e) {
                // A defect, not the message's fault: keep the message (it dead-letters if this repeats) and say why.
                failures.add(new BatchItemFailure(message.getMessageId()));
                ReportLog.line(context, problem(message, "unexpected failure", e));
                continue;
            }
            ReportLog.report(context, report);
            reports.add(report.toMap());
            Optional<SweepPartition> sweep = SweepPartition.ofMessage(message.getBody());
            sweep.ifPresent(p -> {
                swept.computeIfAbsent(p, k -> new ArrayList<>()).add(report);
                sweptIds.computeIfAbsent(p, k -> new ArrayList<>()).add(message.getMessageId());
            });
            // A sweep's target that is not ready waits for the next sweep (DESIGN: sweep, on "not ready": next sweep).
            boolean kept = report.retryable() && sweep.isEmpty();
            if (runtime.results().isPresent()) {
                try {
                    runtime.results().get().send(report);
                } catch (RuntimeException e) {
                    kept = true;
                    ReportLog.line(context, problem(message, "the report could not be sent to the results queue", e));
                }
            }
            if (kept) {
                failures.add(new BatchItemFailure(message.getMessageId()));
            }
        }
        recordSweeps(swept, sweptIds, failures, context);
        return new QueueResponse(failures, reports);
    }

    /**
     * The sweep reports of this batch into the results bucket, one object per sweep; messages whose reports could
     * not be stored come back (a report stored twice is counted once by the summary).
     */
    private void recordSweeps(Map<SweepPartition, List<Report>> swept, Map<SweepPartition, List<String>> ids,
                              List<BatchItemFailure> failures, Context context) {
        if (runtime.sweepResults().isEmpty()) {
            return;
        }
        swept.forEach((partition, sweepReports) -> {
            try {
                runtime.sweepResults().get().record(partition, sweepReports);
            } catch (RuntimeException e) {
                ids.get(partition).stream().filter(id -> failures.stream().noneMatch(f -> f.getItemIdentifier().equals(id)))
                        .forEach(id -> failures.add(new BatchItemFailure(id)));
                ReportLog.line(context, Json.MAPPER.createObjectNode().put("sweepResults", partition.prefix())
                        .put("problem", "the reports could not be stored").put("error", Redaction.scrub(e.toString()))
                        .put("retried", true).toString());
            }
        });
    }

    private static String problem(SQSMessage message, String what, RuntimeException e) {
        ObjectNode line = Json.MAPPER.createObjectNode()
                .put("messageId", message.getMessageId())
                .put("problem", what)
                .put("error", Redaction.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .put("retried", true);
        return line.toString();
    }
}
