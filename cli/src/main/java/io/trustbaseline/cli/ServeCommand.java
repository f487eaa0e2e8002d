package io.trustbaseline.cli;

import io.trustbaseline.aws.AwsConfig;
import io.trustbaseline.azure.AzureRuntime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code trust-baseline serve}: the local cloud kept up for your own experiments, on a known port (the one
 * functions-azure/local.settings.json.example names, unless {@code --port} says otherwise), with the queues the
 * deployed functions use, until Ctrl-C.
 */
final class ServeCommand {
    /** The port functions-azure/local.settings.json.example points the functions at. */
    static final int DEFAULT_PORT = 4566;

    private final PrintStream out;
    private final Path samples;

    ServeCommand(PrintStream out, Path samples) {
        this.out = out;
        this.samples = samples;
    }

    int run(Options options) {
        LocalSession session = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts the local cloud and its queues and prints where they are; the caller closes the session. */
    LocalSession start(Options options) {
        int port = options.port("--port", DEFAULT_PORT);
        LocalSession session = LocalSession.start(options.existingFile("--world", samples.resolve("world.json").toString()), port);
        try {
            out.println("local cloud on loopback, pid " + ProcessHandle.current().pid()
                    + " (Ctrl-C or kill " + ProcessHandle.current().pid() + " stops it)");
            out.println("  ARM (Azure Resource Manager): " + session.endpoint() + "   (" + AzureRuntime.ARM_ENDPOINT + ")");
            out.println("  EKS, IAM, STS, SSM (SigV4, any region): " + session.endpoint() + "   (" + AwsConfig.ENDPOINT + ")");
            out.flush();
            // The embedded SQS takes some seconds to start: the endpoints above are usable meanwhile.
            String requests = session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.name());
            out.println("  SQS (ElasticMQ): " + session.sqs().endpoint() + "   (" + AwsConfig.SQS_ENDPOINT + ")");
            out.println("    requests: " + requests + "  (dead-letter queue "
                    + session.sqs().queueUrl(LocalSession.REQUESTS_QUEUE.deadLetterQueue()) + ")");
            out.println("    results:  " + session.sqs().queueUrl(LocalSession.RESULTS_QUEUE) + "   (" + AwsConfig.RESULTS_QUEUE_URL + ")");
            out.println("  AWS credentials: access key id = the account id of the world, any secret");
            out.flush();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
