package io.trustbaseline.core.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.TargetReport;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a queue worker does with one message, on either cloud: reconcile it, then end it in exactly one way —
 * its report to the results queue ({@link Answered}), the same work enqueued again for later ({@link Later}, when
 * its target is not ready or the cloud failed transiently, until the readiness deadline), or the dead-letter queue
 * with its reason and a report saying why ({@link DeadLettered}). A message that cannot be read is answered with a
 * rejection and never retried.
 */
public final class QueueWorker {
    /** How a message ended. */
    public sealed interface Outcome permits Answered, Later, DeadLettered {
        Report report();
    }

    /** The report went to the results queue. */
    public record Answered(Report report) implements Outcome { }

    /** The work comes back as {@code next} after {@code delay}; no report yet. */
    public record Later(Report report, WorkMessage next, Duration delay) implements Outcome { }

    /** The work went to the dead-letter queue, and its report (saying why) to the results queue. */
    public record DeadLettered(Report report, WorkMessage work, String reason) implements Outcome { }

    /** A message as read: work to do, or already its answer (a rejection, an event that asks nothing). */
    public sealed interface Incoming permits Work, Answer { }

    public record Work(WorkMessage message) implements Incoming { }

    public record Answer(Report report) implements Incoming { }

    private final TrustBaseline trust;
    private final DeliveryPolicy policy;
    private final WorkQueue queue;
    private final DeadLetterQueue deadLetters;
    private final Clock clock;
    private final boolean forceDryRun;

    public QueueWorker(TrustBaseline trust, DeliveryPolicy policy, WorkQueue queue, DeadLetterQueue deadLetters,
                       Clock clock, boolean forceDryRun) {
        this.trust = trust;
        this.policy = policy;
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.forceDryRun = forceDryRun;
    }

    public DeliveryPolicy policy() { return policy; }

    /**
     * A queue message's body: a work message as it is, a ticket (any other JSON object) wrapped with its first
     * sighting, anything else answered with a rejection naming why.
     */
    public Incoming read(String body, Instant firstSeenAt) {
        return read(Json.parseOrNull(body), body, firstSeenAt);
    }

    /** As {@link #read(String, Instant)}, for a body its caller already parsed ({@code node} null when not JSON). */
    public Incoming read(JsonNode node, String body, Instant firstSeenAt) {
        try {
            Optional<WorkMessage> work = WorkMessage.tryRead(node);
            if (work.isPresent()) {
                return new Work(work.get());
            }
        } catch (InvalidInputException e) {
            return new Answer(Report.rejected(null, Trigger.TICKET, forceDryRun, null, e.errors(), 0));
        }
        // A ticket is held to the request's size limit before it is wrapped, as a request sent directly is.
        if (node == null || !node.isObject() || RequestParser.tooLarge(body)) {
            return new Answer(trust.handle(body, Trigger.TICKET, forceDryRun));
        }
        return new Work(WorkMessage.ofTicket(node, firstSeenAt));
    }

    /**
     * Reconciles {@code work} and ends it: enqueued again, dead-lettered, or answered through {@code results}.
     * Throws when a queue refused what it was given, so the platform delivers the message again.
     */
    public Outcome handle(WorkMessage work, Consumer<Report> results) {
        Outcome outcome = decide(work, trust.handle(work, forceDryRun));
        if (outcome instanceof Later later) {
            queue.sendLater(later.next(), later.delay());
        } else if (outcome instanceof DeadLettered dead) {
            deadLetters.put(dead.work(), dead.reason());
            results.accept(dead.report());
        } else {
            results.accept(outcome.report());
        }
        return outcome;
    }

    /** Ends a message that was already answered when it was read. */
    public Outcome answer(Report report, Consumer<Report> results) {
        results.accept(report);
        return new Answered(report);
    }

    /** Work the worker had no time left to start: enqueued again at once, as it was (no attempt counted). */
    public void postpone(List<WorkMessage> work) {
        if (!work.isEmpty()) {
            queue.send(work);
        }
    }

    private Outcome decide(WorkMessage work, Report report) {
        // A sweep's target that is not ready, or that failed transiently, waits for the next sweep (DESIGN.md's
        // trigger table): its report is its answer, and the sweep's summary names it as needing attention.
        if (!report.retryable() || work.trigger() == Trigger.SWEEP) {
            return new Answered(report);
        }
        Optional<Duration> delay = policy.nextDelay(work.firstSeenAt(), work.attempt(), clock.instant());
        if (delay.isPresent()) {
            return new Later(report, work.nextAttempt(), delay.get());
        }
        String reason = cause(report) + " — still so after " + DeliveryPolicy.readable(policy.readinessDeadline())
                + " (first seen at " + work.firstSeenAt() + ", " + (work.attempt() + 1) + " attempts)";
        return new DeadLettered(report.endedBy(new FieldError("target", "readiness-deadline", reason)), work, reason);
    }

    /** What kept the work from finishing: the first unfinished target's or item's own words. */
    private static String cause(Report report) {
        for (TargetReport target : report.targets()) {
            if (!target.retryable()) {
                continue;
            }
            if (target.error() != null && target.error().isTransient()) {
                return target.error().code() + ": " + target.error().message();
            }
            for (ItemReport item : target.items()) {
                if (item.error() != null && item.error().isTransient()) {
                    return item.setting() + " " + item.name() + ": " + item.error().code() + ": " + item.error().message();
                }
            }
            return target.message() != null ? target.message() : target.items().stream()
                    .map(i -> i.setting() + " " + i.name() + ": " + i.message()).findFirst().orElse(target.status().id());
        }
        return report.status().id();
    }
}
