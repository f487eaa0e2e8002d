package io.trustbaseline.core.delivery;

import io.trustbaseline.core.AppSettings;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * When unfinished work comes back, and until when. Work whose target is not ready yet (or that the cloud failed
 * transiently) is enqueued again as a new message, visible after a delay that doubles from {@code firstDelay} up to
 * {@code maxDelay}, until {@code readinessDeadline} after it was first seen; past it, it is dead-lettered with its
 * reason. Because each comeback is a new message, the queues' own receive limits ({@link DeliveryLimits}) count
 * only deliveries that ended without an answer.
 *
 * @param readinessDeadline how long after the first sighting a target may take to become ready
 * @param firstDelay        the delay before the first comeback
 * @param maxDelay          the longest delay: SQS's DelaySeconds allows at most 900 s (Azure queues allow 7 days)
 */
public record DeliveryPolicy(Duration readinessDeadline, Duration firstDelay, Duration maxDelay) {
    /** The app setting / environment variable that sets the deadline, as an ISO-8601 duration such as {@code PT2H}. */
    public static final String READINESS_DEADLINE = "READINESS_DEADLINE";
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(2);
    /** SQS SendMessage: "DelaySeconds ... Valid values: 0 to 900". */
    public static final Duration SQS_MAX_DELAY = Duration.ofSeconds(900);

    public DeliveryPolicy {
        if (readinessDeadline.isNegative() || readinessDeadline.isZero()) {
            throw new IllegalArgumentException(READINESS_DEADLINE + " must be positive (was " + readinessDeadline + ")");
        }
        if (firstDelay.compareTo(Duration.ofSeconds(1)) < 0 || maxDelay.compareTo(firstDelay) < 0
                || maxDelay.compareTo(SQS_MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delays must grow from at least 1 s to at most 900 s (was "
                    + firstDelay + " to " + maxDelay + ")");
        }
    }

    /** A two-hour deadline, comebacks after 30 s, 1, 2, 4, 8 min, then every 15 min. */
    public static DeliveryPolicy standard() {
        return new DeliveryPolicy(DEFAULT_DEADLINE, Duration.ofSeconds(30), SQS_MAX_DELAY);
    }

    /** The standard policy with the deadline of {@value #READINESS_DEADLINE} when it is set. */
    public static DeliveryPolicy fromSettings(Map<String, String> env) {
        Optional<String> deadline = AppSettings.value(env, READINESS_DEADLINE);
        if (deadline.isEmpty()) {
            return standard();
        }
        try {
            return standard().withDeadline(Duration.parse(deadline.get()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(READINESS_DEADLINE + " must be an ISO-8601 duration such as PT2H (was \""
                    + deadline.get() + "\")", e);
        }
    }

    public DeliveryPolicy withDeadline(Duration deadline) {
        return new DeliveryPolicy(deadline, firstDelay, maxDelay);
    }

    /** The delay before comeback number {@code attempt + 1}: doubling, capped at {@code maxDelay}. */
    public Duration delayAfter(int attempt) {
        long seconds = firstDelay.toSeconds() << Math.min(attempt, 20);
        return Duration.ofSeconds(Math.min(seconds, maxDelay.toSeconds()));
    }

    /**
     * When work first seen at {@code firstSeenAt} and returned {@code attempt} times comes back next, or empty when
     * its deadline has passed. The last comeback lands on the deadline itself, so the target gets its full time.
     */
    public Optional<Duration> nextDelay(Instant firstSeenAt, int attempt, Instant now) {
        Instant deadline = firstSeenAt.plus(readinessDeadline);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, deadline);
        Duration delay = delayAfter(attempt);
        return Optional.of(delay.compareTo(left) <= 0 ? delay : Duration.ofSeconds(Math.max(1, left.toSeconds())));
    }

    /** "2 h", "90 min", "45 s": for reasons people read. */
    public static String readable(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
