package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Redaction;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.sweep.SweepPartition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code trust-requests} queue: EventBridge CreateCluster events, tickets, and the work the functions enqueue
 * for themselves. Each message ends in exactly one way ({@link QueueWorker}): its report on the results queue, the
 * same work enqueued again with a delay (target not ready, or the cloud failing transiently) until the readiness
 * deadline, or the dead-letter queue with its reason. Enqueuing again is a new message, so waiting does not count
 * against the queue's maxReceiveCount.
 *
 * <p>The handler reads {@code getRemainingTimeInMillis()} and starts a message only while what is left covers
 * {@link DeliveryLimits#startReserve}: the message's calls at their worst ({@link DeliveryLimits#MESSAGE_BUDGET},
 * which the runtime's retrier enforces), its end and the batch's writes after it; the messages it has no time for
 * are enqueued again at once as they are, and acknowledged, so they cost no receive either (SQS cannot give a
 * receive back: a batch item failure, even with the visibility set to 0, would count one). Only a message whose end
 * could not be written (a queue refused it, or a defect) is a batch item failure, which SQS delivers again and
 * dead-letters after maxReceiveCount.
 */
public final class QueueHandler implements RequestHandler<SQSEvent, QueueResponse> {
    private final AwsRuntime runtime;
    private final QueueWorker worker;
    private final QueueBodyReader bodies;

    public QueueHandler() {
        this(AwsRuntime.shared());
    }

    public QueueHandler(AwsRuntime runtime) {
        this.runtime = runtime;
        this.worker = runtime.queueWorker();
        this.bodies = new QueueBodyReader(worker, runtime.config().forceDryRun());
    }

    @Override
    public QueueResponse handleRequest(SQSEvent event, Context context) {
        List<BatchItemFailure> failures = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        List<SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSMessage> postponed = new ArrayList<>();
        int started = 0;
        Map<SweepPartition, List<Report>> swept = new LinkedHashMap<>();
        Map<SweepPartition, List<String>> sweptIds = new LinkedHashMap<>();
        for (int index = 0; index < records.size(); index++) {
            SQSMessage message = records.get(index);
            // The first message always starts, so a batch always makes progress; once one is postponed, so is the
            // rest (the time a later one would need counts the postponing of all before it).
            if (!postponed.isEmpty() || started > 0
                    && !timeForOneMore(context, batchWritesAfter(records.size() - index - 1, swept.size()))) {
                postponed.add(message);
                continue;
            }
            started++;
            try {
                QueueWorker.Incoming incoming = bodies.read(message.getBody(), firstSeenAt(message));
                QueueWorker.Outcome outcome = incoming instanceof QueueWorker.Work work
                        ? worker.handle(work.message(), this::publish)
                        : worker.answer(((QueueWorker.Answer) incoming).report(), this::publish);
                ReportLog.report(context, outcome.report());
                reports.add(outcome.report().toMap());
                SweepPartition.ofMessage(message.getBody()).ifPresent(p -> {
                    swept.computeIfAbsent(p, k -> new ArrayList<>()).add(outcome.report());
                    sweptIds.computeIfAbsent(p, k -> new ArrayList<>()).add(message.getMessageId());
                });
            } catch (RuntimeException e) {
                // The message's end could not be written (a queue refused it) or a defect: SQS delivers it again.
                failures.add(new BatchItemFailure(message.getMessageId()));
                ReportLog.line(context, problem(message, "its outcome could not be recorded", e));
            }
        }
        postpone(postponed, failures, context);
        recordSweeps(swept, sweptIds, failures, context);
        return new QueueResponse(failures, reports);
    }

    /** Whether what is left of the invocation covers one more message at its worst, and the batch's writes after it. */
    private boolean timeForOneMore(Context context, int batchWritesAfter) {
        return context == null || context.getRemainingTimeInMillis()
                > DeliveryLimits.startReserve(runtime.config().callTimeout(), batchWritesAfter).toMillis();
    }

    /**
     * The writes a batch may make after a message, with {@code left} messages after it and {@code sweeps} sweeps
     * among the messages so far: postponing the rest (an answer each for those that are answered as read, one send for
     * the others) and one record per sweep, the message's own sweep included.
     */
    static int batchWritesAfter(int left, int sweeps) {
        return left + 1 + sweeps + 1;
    }

    /** The messages there was no time for, enqueued again as work; answers that need no cloud call are given now. */
    private void postpone(List<SQSMessage> postponed, List<BatchItemFailure> failures, Context context) {
        List<WorkMessage> work = new ArrayList<>();
        List<SQSMessage> workSources = new ArrayList<>();
        for (SQSMessage message : postponed) {
            try {
                QueueWorker.Incoming incoming = bodies.read(message.getBody(), firstSeenAt(message));
                if (incoming instanceof QueueWorker.Work w) {
                    work.add(w.message());
                    workSources.add(message);
                } else {
                    worker.answer(((QueueWorker.Answer) incoming).report(), this::publish);
                }
            } catch (RuntimeException e) {
                failures.add(new BatchItemFailure(message.getMessageId()));
                ReportLog.line(context, problem(message, "its outcome could not be recorded", e));
            }
        }
        try {
            worker.postpone(work);
            if (!work.isEmpty()) {
                ReportLog.line(context, Json.MAPPER.createObjectNode().put("postponed", work.size())
                        .put("reason", "not enough of the invocation left to start them").toString());
            }
        } catch (RuntimeException e) {
            workSources.forEach(m -> failures.add(new BatchItemFailure(m.getMessageId())));
            ReportLog.line(context, problem(workSources.get(0), "postponed work could not be enqueued again", e));
        }
    }

    private void publish(Report report) {
        runtime.results().ifPresent(results -> results.send(report));
    }

    /** When SQS first took the message (its SentTimestamp): the readiness deadline counts from there. */
    private static Instant firstSeenAt(SQSMessage message) {
        String sent = message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
        return sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
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
