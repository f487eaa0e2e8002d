package io.trustbaseline.localcloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told: give it to {@link World#useClock} and a test (or a retrier's wait) passes a world's
 * delays, long-running operations and rate limits without sleeping.
 */
public final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    public synchronized void advance(Duration by) { now = now.plus(by); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
}
