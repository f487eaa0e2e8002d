package io.trustbaseline.cli;

import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.arm.ArmService;
import io.trustbaseline.localcloud.aws.AwsServices;
import io.trustbaseline.localcloud.aws.EmbeddedSqs;
import io.trustbaseline.localcloud.aws.S3Service;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cloud for one command: ARM, EKS, IAM and STS on one loopback port, seeded from a world file, and the
 * embedded SQS (started only when a queue is first needed: it is the slowest part to start).
 */
public final class LocalSession implements AutoCloseable {
    public static final String RESULTS_QUEUE = "trust-results";
    /** The queue the deployed queue function reads (infra/aws/template.yaml), with its dead-letter queue. */
    public static final EmbeddedSqs.Queue REQUESTS_QUEUE =
            EmbeddedSqs.Queue.withDeadLetterQueue("trust-requests", "trust-requests-dlq", 5);
    /** The sweeps' results bucket (the template's SweepResultsBucket). */
    public static final String SWEEP_RESULTS_BUCKET = "trust-baseline-sweeps";

    private final LocalCloud cloud;
    private EmbeddedSqs sqs;

    private LocalSession(LocalCloud cloud) {
        this.cloud = cloud;
    }

    /** On a free loopback port. */
    public static LocalSession start(Path worldFile) {
        return start(worldFile, 0);
    }

    /** On the given loopback port (0: a free one). */
    static LocalSession start(Path worldFile, int port) {
        World world;
        try {
            world = World.load(worldFile);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(worldFile + ": " + e.getMessage(), e);
        }
        List<CloudService> services = new ArrayList<>();
        services.add(ArmService.create());
        services.addAll(AwsServices.all());
        services.add(S3Service.withBuckets(SWEEP_RESULTS_BUCKET));
        try {
            return new LocalSession(LocalCloud.start(world, services, port));
        } catch (IllegalStateException e) {
            throw new UsageException("cannot listen on 127.0.0.1:" + port
                    + " (" + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                    + "): choose another port with --port N, or --port 0 for any free one", e);
        }
    }

    /** The one endpoint ARM, EKS, IAM and STS answer on. */
    public URI endpoint() { return cloud.endpoint(); }

    public LocalCloud cloud() { return cloud; }

    public World world() { return cloud.world(); }

    public synchronized EmbeddedSqs sqs() {
        if (sqs == null) {
            sqs = EmbeddedSqs.start(List.of(REQUESTS_QUEUE, EmbeddedSqs.Queue.of(RESULTS_QUEUE)));
        }
        return sqs;
    }

    @Override
    public synchronized void close() {
        if (sqs != null) {
            sqs.close();
        }
        cloud.close();
    }
}
