package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.fake.Fixtures.RecordingSleeper;
import io.trustbaseline.core.port.CloudException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrierTest {
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final AtomicInteger attempts = new AtomicInteger();

    private Retrier retrier(RetryPolicy policy) {
        return new Retrier(policy, sleeper, new SplittableRandom(7));
    }

    private static CloudException transientError(Duration retryAfter) {
        return CloudException.transientFailure("Throttling", "slow down", retryAfter, null);
    }

    /** A call that fails with {@code error} the first {@code failures} times, then returns "ok". */
    private String call(Retrier retrier, int failures, CloudException error) {
        AtomicInteger made = new AtomicInteger();
        return retrier.call(() -> {
            if (made.incrementAndGet() <= failures) {
                throw error;
            }
            return "ok";
        }, attempts::incrementAndGet);
    }

    @Test
    void transientFailuresAreRetriedUntilTheCallSucceeds() {
        assertEquals("ok", call(retrier(RetryPolicy.standard()), 2, transientError(null)));

        assertEquals(3, attempts.get());
        assertEquals(2, sleeper.sleeps.size());
    }

    @Test
    void retriesAreBoundedByMaxAttempts() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));
        CloudException error = transientError(null);

        assertSame(error, assertThrows(CloudException.class, () -> call(retrier(policy), 100, error)));
        assertEquals(3, attempts.get());
        assertEquals(2, sleeper.sleeps.size());
    }

    @Test
    void aTransientFailureWhoseRetriesWereSpentWhereItHappenedIsNotRetriedAgainButStaysTransient() {
        CloudException spent = transientError(null).retriesSpent();

        assertSame(spent, assertThrows(CloudException.class, () -> call(retrier(RetryPolicy.standard()), 1, spent)));
        assertEquals(1, attempts.get());
        assertEquals(0, sleeper.sleeps.size());
        assertTrue(spent.isTransient(), "the delivery still tries the work again later");
    }

    @Test
    void retriesAreBoundedByMaxTotalWait() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ZERO, Duration.ZERO, Duration.ofMillis(250));

        assertThrows(CloudException.class, () -> call(retrier(policy), 100, transientError(Duration.ofMillis(100))));

        assertEquals(3, attempts.get(), "100 + 100 fit in 250 ms, a third wait would not");
        assertEquals(Duration.ofMillis(200), sleeper.total());
    }

    @Test
    void backoffIsJitteredBelowAnExponentialCeiling() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMinutes(1));

        assertThrows(CloudException.class, () -> call(retrier(policy), 100, transientError(null)));

        assertEquals(5, sleeper.sleeps.size());
        for (int i = 0; i < sleeper.sleeps.size(); i++) {
            assertTrue(sleeper.sleeps.get(i).compareTo(policy.ceiling(i)) <= 0, "sleep " + i + ": " + sleeper.sleeps);
        }
        assertEquals(Duration.ofMillis(800), policy.ceiling(4), "capped at maxDelay");
    }

    @Test
    void retryAfterIsHonoured() {
        assertEquals("ok", call(retrier(RetryPolicy.standard()), 1, transientError(Duration.ofSeconds(3))));

        assertEquals(1, sleeper.sleeps.size());
        assertTrue(sleeper.sleeps.get(0).compareTo(Duration.ofSeconds(3)) >= 0, sleeper.sleeps.toString());
    }

    @Test
    void aRetryAfterLongerThanTheBudgetGivesUpAtOnce() {
        assertThrows(CloudException.class,
                () -> call(retrier(RetryPolicy.standard()), 1, transientError(Duration.ofSeconds(30))));

        assertEquals(1, attempts.get());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void permanentFailuresAreNotRetried() {
        for (CloudException.Kind kind : new CloudException.Kind[] {CloudException.Kind.REJECTED,
                CloudException.Kind.NOT_FOUND, CloudException.Kind.NOT_READY, CloudException.Kind.CONFLICT,
                CloudException.Kind.ACCESS_DENIED}) {
            attempts.set(0);
            CloudException error = CloudException.of(kind, "Code", "no", null);

            assertSame(error, assertThrows(CloudException.class, () -> call(retrier(RetryPolicy.standard()), 1, error)));
            assertEquals(1, attempts.get(), kind.name());
        }
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void theNonePolicyCallsOnce() {
        assertThrows(CloudException.class, () -> call(retrier(RetryPolicy.none()), 1, transientError(null)));
        assertEquals(1, attempts.get());
    }

    @Test
    void eachCallDrawsItsJitterFromAFreshlySeededGeneratorNotFromOneBuiltAtInit() {
        // Two runs of the same retrier stand for two sandboxes restored from one snapshot: with a generator built at
        // init they would wait exactly the same; seeded per call, their eight waits differ.
        RetryPolicy policy = new RetryPolicy(9, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofDays(1));
        Retrier shared = new Retrier(policy, sleeper);

        call(shared, 8, transientError(null));
        java.util.List<Duration> first = java.util.List.copyOf(sleeper.sleeps);
        sleeper.sleeps.clear();
        call(shared, 8, transientError(null));

        assertEquals(8, first.size());
        assertTrue(!first.equals(sleeper.sleeps), "two calls jittered identically: " + first);
    }
}
