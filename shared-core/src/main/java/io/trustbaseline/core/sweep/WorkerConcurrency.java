package io.trustbaseline.core.sweep;

import java.time.Duration;

/**
 * How many queue workers may reconcile at once, derived once from a cloud's rate limit: C workers each calling back
 * to back, a call every {@code callLatency}, make C / latency calls per second, which must stay within the sustained
 * rate the cloud allows one account or subscription: C = floor(rate x latency). The deployment templates carry the
 * result (SAM's SQS event source {@code MaximumConcurrency}; host.json {@code batchSize} + {@code newBatchThreshold}
 * per instance times Bicep's {@code functionAppScaleLimit}); a test in each functions module checks they agree.
 *
 * @param callsPerSecond the sustained rate of one account or subscription (its token bucket's refill)
 * @param callLatency    a typical call's round trip from a function to the control plane
 */
public record WorkerConcurrency(double callsPerSecond, Duration callLatency) {
    /**
     * ARM: 25 reads per second refill per subscription and region (Azure Resource Manager "Understand how Azure
     * Resource Manager throttles requests", token bucket: subscription reads 250 bucket, 25/s; writes 200, 10/s);
     * reads are most of a sweep's calls. 300 ms per ARM round trip.
     */
    public static final WorkerConcurrency AZURE = new WorkerConcurrency(25, Duration.ofMillis(300));
    /**
     * EKS and IAM publish no per-operation request rate; 10 calls per second per account is assumed (the
     * order of the quotas other AWS control planes publish), with 300 ms per call. The SDK's ThrottlingException is
     * retried by the core if the real rate is lower.
     */
    public static final WorkerConcurrency AWS = new WorkerConcurrency(10, Duration.ofMillis(300));

    /** SQS event source mappings accept MaximumConcurrency 2-1000 (Lambda ScalingConfig). */
    private static final int SQS_MINIMUM = 2;

    public WorkerConcurrency {
        if (callsPerSecond <= 0 || callLatency.isZero() || callLatency.isNegative()) {
            throw new IllegalArgumentException("callsPerSecond and callLatency must be positive");
        }
    }

    /** C = floor(rate x latency), at least 1. */
    public int workers() {
        return Math.max(1, (int) Math.floor(callsPerSecond * callLatency.toNanos() / 1e9));
    }

    /** The SQS event source's {@code ScalingConfig.MaximumConcurrency}. */
    public int sqsMaximumConcurrency() {
        return Math.max(SQS_MINIMUM, workers());
    }

    /**
     * host.json {@code extensions.queues.batchSize}: one instance handles at most batchSize + newBatchThreshold
     * messages at once (Azure Functions Storage queue trigger, "Concurrency"), so the two split {@link #workers()}.
     */
    public int azureBatchSize() {
        return (workers() + 1) / 2;
    }

    /** host.json {@code extensions.queues.newBatchThreshold}. */
    public int azureNewBatchThreshold() {
        return workers() - azureBatchSize();
    }

    /** Bicep {@code functionAppScaleLimit}: one instance holds every worker, so the app may not scale past one. */
    public int azureScaleLimit() {
        return 1;
    }
}
