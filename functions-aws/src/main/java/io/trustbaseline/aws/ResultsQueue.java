package io.trustbaseline.aws;

import io.trustbaseline.core.report.Report;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue every queue-triggered report goes to ({@code RESULTS_QUEUE_URL}), one message per report. */
public final class ResultsQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public ResultsQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Sends the report; throws when SQS did not take it, so the caller can keep the message for another try. */
    public void send(Report report) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(report.toJson()));
    }
}
