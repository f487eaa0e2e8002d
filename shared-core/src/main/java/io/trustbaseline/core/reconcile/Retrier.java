package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.port.CloudException;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Runs one cloud call under a {@link RetryPolicy}: retries transient failures only, honouring Retry-After. */
public final class Retrier {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Retrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    public Retrier(RetryPolicy policy) {
        this(policy, Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    /** Calls {@code call}, running {@code beforeAttempt} before each attempt (the call counter). */
    public <T> T call(Supplier<T> call, Runnable beforeAttempt) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            beforeAttempt.run();
            try {
                return call.get();
            } catch (CloudException e) {
                if (!e.isTransient() || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                Duration delay = delay(attempt - 1, e);
                if (waited.plus(delay).compareTo(policy.maxTotalWait()) > 0) {
                    throw e;
                }
                sleeper.sleep(delay);
                waited = waited.plus(delay);
            }
        }
    }

    private Duration delay(int retry, CloudException e) {
        long ceiling = policy.ceiling(retry).toMillis();
        Duration jitter = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
        return e.retryAfter().filter(after -> after.compareTo(jitter) > 0).orElse(jitter);
    }
}
