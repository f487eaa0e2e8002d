package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.port.CloudException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Runs one cloud call under a {@link RetryPolicy}: retries transient failures only, honouring Retry-After.
 *
 * <p>The jitter of each call's retries comes from a generator seeded when that call first has to wait, never from
 * state built at init: a SnapStart (CRaC) snapshot restores every sandbox with the same memory, so a generator
 * seeded at init would make them all back off in lockstep. The seed comes from {@link SecureRandom}, whose native
 * implementation mixes fresh bytes from the operating system into every draw, so restored copies diverge.
 *
 * <p>A retrier may also bound a whole work item ({@link #withWorkBudget}): each work item then gets its own copy
 * ({@link #forWorkItem}) that starts an attempt only while one more attempt at its longest (the clients' call
 * timeout) still ends within the item's budget, and waits before a retry only when the retry still fits. Without
 * it the retry policy bounds each call, but an item makes many calls, and a queue worker that reserved time for one
 * message would outlive its invocation.
 */
public final class Retrier {
    /** The code of the transient failure a call gets, uncalled, when its work item's budget has no room for it. */
    public static final String WORK_BUDGET_SPENT = "WorkBudgetSpent";
    private static final SecureRandom SEEDS = new SecureRandom();
    /** The retrier whose call this thread is making, so an adapter can bound the calls it makes itself by it. */
    private static final ThreadLocal<Retrier> CALLING = new ThreadLocal<>();
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Supplier<RandomGenerator> jitterSource;
    private final WorkBudget budget;
    /** The {@link WorkBudget#nanoTime} by which this copy's work item must end; {@code Long.MAX_VALUE} when unbounded. */
    private final long deadline;

    /**
     * How long one work item's calls may take in all, and how long one attempt may take at its longest (the HTTP
     * clients' call timeout, which turns a hung call into a transient failure), on the clock {@code nanoTime}.
     */
    public record WorkBudget(Duration total, Duration attempt, LongSupplier nanoTime) {
        public WorkBudget {
            if (attempt.isNegative() || attempt.isZero() || total.compareTo(attempt) < 0) {
                throw new IllegalArgumentException("a work item's budget (" + total + ") must cover at least one"
                        + " attempt (" + attempt + ")");
            }
        }
    }

    /** With one fixed generator for every call: tests that need repeatable waits. */
    public Retrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this(policy, sleeper, () -> random, null, Long.MAX_VALUE);
    }

    /** Each call's jitter from a generator seeded afresh when the call first retries. */
    public Retrier(RetryPolicy policy, Sleeper sleeper) {
        this(policy, sleeper, seededBy(SEEDS::nextLong), null, Long.MAX_VALUE);
    }

    /** As above, the seeds drawn from {@code seeds}: tests that count the draws. */
    static Retrier withSeeds(RetryPolicy policy, Sleeper sleeper, LongSupplier seeds) {
        return new Retrier(policy, sleeper, seededBy(seeds), null, Long.MAX_VALUE);
    }

    private static Supplier<RandomGenerator> seededBy(LongSupplier seeds) {
        return () -> new SplittableRandom(seeds.getAsLong());
    }

    public Retrier(RetryPolicy policy) {
        this(policy, Sleeper.SYSTEM);
    }

    private Retrier(RetryPolicy policy, Sleeper sleeper, Supplier<RandomGenerator> jitterSource, WorkBudget budget,
                    long deadline) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitterSource = jitterSource;
        this.budget = budget;
        this.deadline = deadline;
    }

    /** This retrier, with every work item bounded by {@code budget} (see {@link #forWorkItem}). */
    public Retrier withWorkBudget(WorkBudget budget) {
        return new Retrier(policy, sleeper, jitterSource, budget, Long.MAX_VALUE);
    }

    /** A work item's retrier, its budget counted from now; this retrier itself when work items are not bounded. */
    public Retrier forWorkItem() {
        if (budget == null) {
            return this;
        }
        return new Retrier(policy, sleeper, jitterSource, budget, budget.nanoTime().getAsLong() + budget.total().toNanos());
    }

    /**
     * The retrier whose {@link #call} this thread is making: the work item's, when a reconciler's call reaches an
     * adapter. An adapter whose call goes on after its first request (a long-running write's polls, sent by the SDK,
     * possibly from its own threads) retries those requests with it, so they stay within the work item's budget.
     */
    public static Optional<Retrier> calling() {
        return Optional.ofNullable(CALLING.get());
    }

    /**
     * Calls {@code call}, running {@code beforeAttempt} before each attempt (the call counter). When the work item's
     * budget has no room for the first attempt, throws a transient {@link #WORK_BUDGET_SPENT} without calling: the work
     * comes back later for what is left; when it has no room for a retry, throws the last failure.
     */
    public <T> T call(Supplier<T> call, Runnable beforeAttempt) {
        if (!roomFor(Duration.ZERO)) {
            throw CloudException.transientFailure(WORK_BUDGET_SPENT, "not called: this work item's "
                    + budget.total().toSeconds() + " s for cloud calls are spent; the work comes back for the rest",
                    null, null);
        }
        Duration waited = Duration.ZERO;
        RandomGenerator random = null;
        for (int attempt = 1; ; attempt++) {
            beforeAttempt.run();
            Retrier outer = CALLING.get();
            CALLING.set(this);
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
                if (waited.plus(delay).compareTo(policy.maxTotalWait()) > 0 || !roomFor(delay)) {
                    throw e;
                }
                sleeper.sleep(delay);
                waited = waited.plus(delay);
            } finally {
                if (outer == null) {
                    CALLING.remove();
                } else {
                    CALLING.set(outer);
                }
            }
        }
    }

    /** Whether waiting {@code wait}, then one attempt at its longest, still ends within the work item's budget. */
    private boolean roomFor(Duration wait) {
        return deadline == Long.MAX_VALUE
                || budget.nanoTime().getAsLong() + wait.toNanos() + budget.attempt().toNanos() <= deadline;
    }

    private Duration delay(int retry, CloudException e, RandomGenerator random) {
        long ceiling = policy.ceiling(retry).toMillis();
        Duration jitter = Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
        return e.retryAfter().filter(after -> after.compareTo(jitter) > 0).orElse(jitter);
    }
}
