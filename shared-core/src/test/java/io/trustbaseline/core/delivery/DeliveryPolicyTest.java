package io.trustbaseline.core.delivery;

import io.trustbaseline.core.reconcile.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryPolicyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T04:00:00Z");

    @Test
    void delaysDoubleFromThirtySecondsUpToTheSqsMaximumOfFifteenMinutes() {
        DeliveryPolicy policy = DeliveryPolicy.standard();

        assertEquals(Duration.ofSeconds(30), policy.delayAfter(0));
        assertEquals(Duration.ofSeconds(480), policy.delayAfter(4));
        assertEquals(Duration.ofSeconds(900), policy.delayAfter(5));
        assertEquals(Duration.ofSeconds(900), policy.delayAfter(500));
    }

    @Test
    void nothingComesBackOnceTheDeadlineHasPassed() {
        DeliveryPolicy policy = DeliveryPolicy.standard();

        assertEquals(Optional.of(Duration.ofSeconds(30)), policy.nextDelay(T0, 0, T0));
        assertEquals(Optional.of(Duration.ofSeconds(60)), policy.nextDelay(T0, 12, T0.plus(Duration.ofHours(2)).minusSeconds(60)));
        assertEquals(Optional.empty(), policy.nextDelay(T0, 12, T0.plus(Duration.ofHours(2))));
    }

    @Test
    void theDeadlineIsAnAppSettingInIso8601AndABadOneNamesTheSetting() {
        assertEquals(Duration.ofMinutes(90), DeliveryPolicy.fromSettings(Map.of("READINESS_DEADLINE", "PT90M")).readinessDeadline());
        assertEquals(Duration.ofHours(2), DeliveryPolicy.fromSettings(Map.of()).readinessDeadline());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeliveryPolicy.fromSettings(Map.of("READINESS_DEADLINE", "2h")));
        assertTrue(e.getMessage().startsWith("READINESS_DEADLINE"), e.getMessage());
    }

    @Test
    void delaysBeyondWhatSqsAcceptsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new DeliveryPolicy(Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofSeconds(901)));
    }

    @Test
    void theLimitsFitTogether() {
        assertTrue(RetryPolicy.standard().maxTotalWait().compareTo(DeliveryLimits.MESSAGE_BUDGET) < 0,
                "one message's budget leaves room for calls beside its retries' waits");
        assertTrue(DeliveryLimits.AZURE_MESSAGE_BUDGET.compareTo(DeliveryLimits.AZURE_FUNCTION_TIMEOUT) < 0);
        assertEquals(DeliveryLimits.LAMBDA_TIMEOUT.multipliedBy(6), DeliveryLimits.SQS_VISIBILITY_TIMEOUT);
    }
}
