package io.trustbaseline.core.sweep;

import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.problem.InvalidInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Where one sweep's results live in the results store: {@code sweeps/date=2026-12-01/sweep=<id>/}, the
 * Hive-style layout Athena, Synapse and plain prefix listings all read (one partition per day, then per sweep).
 */
public record SweepPartition(LocalDate date, String sweepId) {
    public static final String ROOT = "sweeps/";
    /** The object that names the latest sweep, so that the next one can summarize it. */
    public static final String LATEST = ROOT + "latest.json";
    static final String LAUNCH = "_launch.json";

    public static SweepPartition of(Instant startedAt, String sweepId) {
        return new SweepPartition(startedAt.atZone(ZoneOffset.UTC).toLocalDate(), sweepId);
    }

    /**
     * The partition a queue message's report belongs in: that of the sweep that enqueued it; empty for any other
     * message (an event, a ticket, a broken envelope: those are reported the usual way).
     */
    public static Optional<SweepPartition> ofMessage(String body) {
        try {
            return WorkMessage.tryRead(body).flatMap(w -> w.sweepId().map(id -> of(w.firstSeenAt(), id)));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    public String prefix() { return ROOT + "date=" + date + "/sweep=" + sweepId + "/"; }

    public String launchKey() { return prefix() + LAUNCH; }
}
