package io.trustbaseline.core.reconcile;

import java.time.Duration;

/**
 * How transient failures are retried: exponential backoff with full jitter, at most {@code maxAttempts} calls and
 * at most {@code maxTotalWait} spent waiting; a Retry-After longer than what is left ends the retries at once, so
 * the trigger redelivers later instead of a function idling out its timeout.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotalWait) {

    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The largest backoff before attempt {@code retry + 1} (retry counts from 0). */
    Duration ceiling(int retry) {
        long millis = baseDelay.toMillis() << Math.min(retry, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
