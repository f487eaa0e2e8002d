package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.port.CloudException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs one cloud call under a {@link RetryPolicy}: retries transient failures only, honouring Retry-After.
 *
 * <p>The jitter of each call's retries comes from a generator seeded when that call first has to wait, never from
 * state built at init: a SnapStart (CRaC) snapshot restores every sandbox with the same memory, so a generator
 * seeded at init would make them all back off in lockstep. The seed comes from {@link SecureRandom}, whose native
 * implementation mixes fresh bytes from the operating system into every draw, so restored copies diverge.
 */
public final class Retrier {
    private static final SecureRandom SEEDS = new SecureRandom();
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Supplier<RandomGenerator> jitterSource;

    /** With one fixed generator for every call: tests that need repeatable waits. */
    public Retrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitterSource = () -> random;
    }

    /** Each call's jitter from a generator seeded afresh when the call first retries. */
    public Retrier(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitterSource = () -> new SplittableRandom(SEEDS.nextLong());
    }

    public Retrier(RetryPolicy policy) {
        this(policy, Sleeper.SYSTEM);
    }

    /** Calls {@code call}, running {@code beforeAttempt} before each attempt (the call counter). */
    public <T> T call(Supplier<T> call, Runnable beforeAttempt) {
        Duration waited = Duration.ZERO;
        RandomGenerator random = null;
        for (int attempt = 1; ; attempt++) {
            beforeAttempt.run();
            try {
                return call.get();
            } catch (CloudException e) {
                if (!e.retriable() || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                if (random == null) {
                    random = jitterSource.get();
                }
                Duration delay = delay(attempt - 1, e, random);
                if (waited.plus(delay).compareTo(policy.maxTotalWait()) > 0) {
                    throw e;
                }
                sleeper.sleep(delay);
                waited = waited.plus(delay);
            }
        }
    }

    private Duration delay(int retry, CloudException e, RandomGenerator random) {
        long ceiling = policy.ceiling(retry).toMillis();
        Duration jitter = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
        return e.retryAfter().filter(after -> after.compareTo(jitter) > 0).orElse(jitter);
    }
}
