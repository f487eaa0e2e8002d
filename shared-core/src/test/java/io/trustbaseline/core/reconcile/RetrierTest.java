package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.fake.Fixtures.RecordingSleeper;
import io.trustbaseline.core.port.CloudException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * A clock in nanoseconds that the retrier's waits advance, and that {@link #hang} advances by one call timeout:
     * every call of the work item below hangs until its client gives up, the worst case a budget has to hold.
     */
    private final AtomicLong now = new AtomicLong();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private Retrier budgeted(Duration budget) {
        return new Retrier(RetryPolicy.standard(), d -> now.addAndGet(d.toNanos()), new SplittableRandom(7))
                .withWorkBudget(new Retrier.WorkBudget(budget, CALL_TIMEOUT, now::get));
    }

    private String hang() {
        now.addAndGet(CALL_TIMEOUT.toNanos());
        throw CloudException.transientFailure("ApiCallTimeout", "no answer within " + CALL_TIMEOUT, null, null);
    }

    @Test
    void aWorkItemWhoseEveryCallHangsEndsWithinItsBudgetHoweverManyCallsItMakes() {
        Retrier item = budgeted(Duration.ofSeconds(60)).forWorkItem();
        List<String> codes = new ArrayList<>();

        for (int call = 0; call < 12; call++) {
            codes.add(assertThrows(CloudException.class, () -> item.call(this::hang, attempts::incrementAndGet)).code());
        }

        assertTrue(Duration.ofNanos(now.get()).compareTo(Duration.ofSeconds(60)) <= 0, Duration.ofNanos(now.get()) + "");
        assertEquals(5, attempts.get(), "five 10 s attempts and their short waits fit in 60 s, a sixth would not");
        assertEquals("ApiCallTimeout", codes.get(0), "the first call's own failure, once its retries no longer fit");
        assertEquals("WorkBudgetSpent", codes.get(11), "later calls are not made");
        assertTrue(assertThrows(CloudException.class, () -> item.call(this::hang, () -> { })).isTransient(),
                "the work comes back for what is left");
    }

    @Test
    void eachWorkItemHasABudgetOfItsOwnCountedFromItsStart() {
        Retrier budgeted = budgeted(Duration.ofSeconds(35));
        Retrier first = budgeted.forWorkItem();
        assertThrows(CloudException.class, () -> first.call(this::hang, attempts::incrementAndGet));
        int firstAttempts = attempts.getAndSet(0);

        Retrier second = budgeted.forWorkItem();
        assertThrows(CloudException.class, () -> second.call(this::hang, attempts::incrementAndGet));

        assertEquals(3, firstAttempts, "three 10 s attempts and their short waits fit in 35 s, a fourth would not");
        assertEquals(3, attempts.get(), "the next item starts with its whole budget");
    }

    @Test
    void withoutAWorkBudgetOnlyThePolicyBoundsTheCalls() {
        Retrier unbounded = new Retrier(RetryPolicy.standard(), d -> now.addAndGet(d.toNanos()), new SplittableRandom(7));
        Retrier item = unbounded.forWorkItem();

        for (int call = 0; call < 3; call++) {
            assertThrows(CloudException.class, () -> item.call(this::hang, attempts::incrementAndGet));
        }

        assertSame(unbounded, item);
        assertEquals(15, attempts.get(), "every call gets its five attempts");
    }

    @Test
    void duringItsCallTheWorkItemsRetrierIsTheCallingOneAndOnlyThen() {
        // An adapter finds the work item's retrier this way to bound requests the SDK sends after the first one.
        Retrier item = budgeted(Duration.ofSeconds(35)).forWorkItem();
        Retrier other = retrier(RetryPolicy.standard());

        List<Retrier> seen = new ArrayList<>();
        item.call(() -> {
            seen.add(Retrier.calling().orElseThrow());
            other.call(() -> seen.add(Retrier.calling().orElseThrow()), () -> { });
            return seen.add(Retrier.calling().orElseThrow());
        }, () -> { });

        assertEquals(List.of(item, other, item), seen);
        assertTrue(Retrier.calling().isEmpty(), "nothing is calling outside a call");
    }

    @Test
    void aBudgetThatCannotHoldOneAttemptIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Retrier.WorkBudget(Duration.ofSeconds(5), CALL_TIMEOUT, now::get));
    }

    @Test
    void eachCallThatRetriesSeedsItsJitterWhenItFirstWaitsAndNothingIsSeededAtInit() {
        // A SnapStart snapshot restores every sandbox with the memory of init: a generator seeded there would make
        // them all back off in lockstep. Each seed is drawn when a call first has to wait, after any restore.
        AtomicInteger seeds = new AtomicInteger();
        Retrier retrier = Retrier.withSeeds(RetryPolicy.standard(), sleeper, () -> seeds.incrementAndGet() * 7919L)
                .withWorkBudget(new Retrier.WorkBudget(Duration.ofSeconds(60), CALL_TIMEOUT, now::get));
        Retrier item = retrier.forWorkItem();
        assertEquals(0, seeds.get(), "nothing drawn at init");

        call(item, 0, transientError(null));
        assertEquals(0, seeds.get(), "a call that does not wait draws nothing");
        call(item, 2, transientError(null));
        call(item, 2, transientError(null));

        assertEquals(2, seeds.get(), "one seed per call that waits, however often it waits");
        assertEquals(4, sleeper.sleeps.size());
    }
}
