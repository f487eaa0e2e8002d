package io.trustbaseline.cli;

import io.trustbaseline.aws.AwsRuntime;
import io.trustbaseline.aws.QueueHandler;
import io.trustbaseline.aws.local.QueueWorkers;
import io.trustbaseline.azure.AzureRuntime;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.sweep.InProcessResultsStore;

import java.io.PrintStream;

/**
 * A local sweep's fan-out: on AWS's side the embedded SQS queue {@code trust-requests} drained by {@code workers}
 * pollers calling the real queue handler (as the event source mapping does), with the results bucket in the local
 * cloud's S3; on Azure's side the in-process {@code trust-requests} and results store (the command and the demo need only a JDK, and
 * Azurite is not one), drained by {@code workers} threads calling the real queue function.
 */
final class LocalFanOut {
    private final LocalSession session;
    private final int workers;
    private final LocalQueue azureQueue = new LocalQueue();
    private final InProcessResultsStore azureResults = new InProcessResultsStore();

    LocalFanOut(LocalSession session, int workers) {
        if (workers < 1) {
            throw new UsageException("--workers must be at least 1 (was " + workers + ")");
        }
        this.session = session;
        this.workers = workers;
    }

    /** Azure's {@code trust-requests} in this process: events, tickets and the sweep's work alike. */
    LocalQueue azureQueue() { return azureQueue; }

    InProcessResultsStore azureResults() { return azureResults; }

    /** Drains the Azure queue; says how. */
    String drainAzure(AzureRuntime runtime) {
        LocalQueue.Drained drained = azureQueue.drain(runtime, workers);
        return drained.invocations() + " invocation(s) by " + workers + " worker(s), the longest "
                + drained.longestInvocationMs() + " ms";
    }

    /** Drains trust-requests on the embedded SQS; says how. */
    String drainAws(AwsRuntime runtime, PrintStream err) {
        QueueWorkers.Drained drained = new QueueWorkers(runtime.clients().sqs(), session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.name()),
                new QueueHandler(runtime), () -> new LocalLambdaContext("QueueHandler", err)).drain(workers);
        return drained.invocations() + " invocation(s) of up to " + QueueWorkers.BATCH_SIZE + " messages by " + workers
                + " worker(s), the longest " + drained.longestInvocationMs() + " ms";
    }
}
