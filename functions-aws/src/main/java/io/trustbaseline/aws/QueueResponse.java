package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;

import java.util.List;
import java.util.Map;

/**
 * The partial batch response SQS expects ({@code batchItemFailures}: the messages to deliver again), with each
 * message's report beside it: {@code { "batchItemFailures": [...], "reports": [...] }}. Reports are plain maps so
 * the Lambda runtime's own serializer writes them as they are.
 */
public final class QueueResponse extends SQSBatchResponse {
    private final List<Map<String, Object>> reports;

    public QueueResponse(List<BatchItemFailure> batchItemFailures, List<Map<String, Object>> reports) {
        super(List.copyOf(batchItemFailures));
        this.reports = List.copyOf(reports);
    }

    public List<Map<String, Object>> getReports() {
        return reports;
    }
}
