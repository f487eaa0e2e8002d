package io.trustbaseline.core.delivery;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.target.TargetState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueWorkerTest {
    private static final Instant FIRST_SEEN = Instant.parse("2026-12-01T04:00:00Z");
    private static final TargetState CREATING = new TargetState("Creating", false, Fixtures.LOCATION, Map.of("env", "prod"));

    private final List<Report> results = new ArrayList<>();
    private final List<WorkMessage> sent = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final WorkQueue queue = new WorkQueue() {
        @Override
        public void send(List<WorkMessage> messages) { sent.addAll(messages); }

        @Override
        public void sendLater(WorkMessage message, Duration delay) {
            sent.add(message);
            delays.add(delay);
        }
    };

    private QueueWorker worker(FakeCloud cloud, Instant now) {
        return new QueueWorker(Fixtures.trustBaseline(cloud), DeliveryPolicy.standard(), queue,
                (work, reason) -> deadLetters.add(reason), Clock.fixed(now, ZoneOffset.UTC), false);
    }

    private static WorkMessage eventFor(int attempt) {
        WorkMessage first = WorkMessage.forTarget(Trigger.EVENT, "evt-1", "event-grid", Fixtures.AKS, false,
                FIRST_SEEN, Optional.empty());
        for (int i = 0; i < attempt; i++) {
            first = first.nextAttempt();
        }
        return first;
    }

    @Test
    void aMessageWhoseEveryCallHangsEndsWithinTheMessageBudgetAndComesBackForWhatIsLeft() {
        // The worst case a queue worker reserves time for: the target is read, then every call of the items hangs
        // until the client gives up (the AWS functions' default call timeout, 10 s) and fails transiently. The
        // standard policy alone would spend five attempts and their waits on each call (more than 50 s a call, over
        // several items); the message's budget bounds them all.
        AtomicLong nanos = new AtomicLong();
        Duration callTimeout = Duration.ofSeconds(10);
        FakeCloud cloud = Fixtures.readyCloud().onEveryCall(operation -> {
            if (!operation.equals("target.describe")) {
                nanos.addAndGet(callTimeout.toNanos());
                throw CloudException.transientFailure("ApiCallTimeout", "no answer within 10 s", null, null);
            }
        });
        Retrier retrier = new Retrier(RetryPolicy.standard(), d -> nanos.addAndGet(d.toNanos()), new SplittableRandom(3))
                .withWorkBudget(new Retrier.WorkBudget(DeliveryLimits.MESSAGE_BUDGET, callTimeout, nanos::get));
        QueueWorker worker = new QueueWorker(new TrustBaseline(Catalog.standard(), Fixtures.baseline(), cloud.ports(),
                retrier), DeliveryPolicy.standard(), queue, (work, reason) -> deadLetters.add(reason),
                Clock.fixed(FIRST_SEEN, ZoneOffset.UTC), false);
        WorkMessage work = WorkMessage.forTarget(Trigger.EVENT, "evt-eks", "eventbridge", Fixtures.EKS, false,
                FIRST_SEEN, Optional.empty());

        QueueWorker.Outcome outcome = worker.handle(work, results::add);

        Duration took = Duration.ofNanos(nanos.get());
        assertTrue(took.compareTo(DeliveryLimits.MESSAGE_BUDGET) <= 0, "the message took " + took);
        assertTrue(took.compareTo(DeliveryLimits.MESSAGE_BUDGET.minus(callTimeout.multipliedBy(2))) > 0,
                "the budget was used, not given up early: " + took);
        assertTrue(outcome.report().targets().get(0).items().size() > 1, "a message of several items");
        assertInstanceOf(QueueWorker.Later.class, outcome, outcome.report()::toJson);
        assertEquals(List.of(1), sent.stream().map(WorkMessage::attempt).toList());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aTargetNotReadyComesBackLaterWithADelayThatGrowsAndNoReportYet() {
        FakeCloud cloud = Fixtures.readyCloud().target(Fixtures.AKS, CREATING);

        QueueWorker.Outcome first = worker(cloud, FIRST_SEEN).handle(eventFor(0), results::add);
        QueueWorker.Outcome third = worker(cloud, FIRST_SEEN.plusSeconds(600)).handle(eventFor(2), results::add);

        assertInstanceOf(QueueWorker.Later.class, first);
        assertInstanceOf(QueueWorker.Later.class, third);
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(120)), delays);
        assertEquals(List.of(1, 3), sent.stream().map(WorkMessage::attempt).toList());
        assertEquals(FIRST_SEEN, sent.get(1).firstSeenAt(), "the deadline keeps counting from the first sighting");
        assertTrue(results.isEmpty(), "no report while the work is coming back");
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void theLastComebackLandsOnTheDeadlineAndPastItTheWorkIsDeadLetteredWithAReportSayingWhy() {
        FakeCloud cloud = Fixtures.readyCloud().target(Fixtures.AKS, CREATING);

        worker(cloud, FIRST_SEEN.plus(Duration.ofHours(2)).minusSeconds(100)).handle(eventFor(9), results::add);
        QueueWorker.Outcome last = worker(cloud, FIRST_SEEN.plus(Duration.ofHours(2))).handle(eventFor(10), results::add);

        assertEquals(List.of(Duration.ofSeconds(100)), delays);
        QueueWorker.DeadLettered dead = assertInstanceOf(QueueWorker.DeadLettered.class, last);
        assertTrue(dead.reason().startsWith("the target is Creating, not ready; nothing written — still so after 2 h"),
                dead.reason());
        assertEquals(List.of(dead.reason()), deadLetters);
        Report report = results.get(0);
        assertEquals(Status.FAILED, report.status());
        assertEquals("readiness-deadline", report.errors().get(0).rule());
        assertEquals("target", report.errors().get(0).field());
    }

    @Test
    void aReadyTargetIsAnsweredOnTheResultsQueueAndAReplayWritesNothing() {
        FakeCloud cloud = Fixtures.readyCloud();

        worker(cloud, FIRST_SEEN).handle(eventFor(0), results::add);
        int writes = cloud.writes().size();
        worker(cloud, FIRST_SEEN).handle(eventFor(0), results::add);

        assertEquals(Status.APPLIED, results.get(0).status());
        assertEquals(Status.COMPLIANT, results.get(1).status());
        assertEquals(writes, cloud.writes().size(), "a duplicate message converges without writing");
        assertTrue(sent.isEmpty());
    }

    @Test
    void aTicketIsWrappedWithItsFirstSightingAndUnreadableInputIsAnsweredOnceWithARejection() {
        QueueWorker worker = worker(Fixtures.readyCloud(), FIRST_SEEN);

        QueueWorker.Work ticket = assertInstanceOf(QueueWorker.Work.class, worker.read(
                "{\"schemaVersion\":1,\"requestId\":\"CHG1\",\"target\":{\"azureResourceId\":\"" + Fixtures.AKS.id() + "\"}}",
                FIRST_SEEN));
        QueueWorker.Answer garbage = assertInstanceOf(QueueWorker.Answer.class, worker.read("not json", FIRST_SEEN));
        QueueWorker.Answer badEnvelope = assertInstanceOf(QueueWorker.Answer.class,
                worker.read("{\"trustBaselineWork\":1,\"trigger\":\"bogus\",\"request\":{}}", FIRST_SEEN));

        assertEquals(Trigger.TICKET, ticket.message().trigger());
        assertEquals(FIRST_SEEN, ticket.message().firstSeenAt());
        assertEquals(Status.REJECTED, garbage.report().status());
        assertEquals("trigger", badEnvelope.report().errors().get(0).field());
    }

    @Test
    void aTicketPastTheRequestSizeLimitIsRejectedOnceNamingTheRuleAndNotWrapped() {
        QueueWorker worker = worker(Fixtures.readyCloud(), FIRST_SEEN);
        String padding = "x".repeat(RequestParser.MAX_BYTES);
        String ticket = "{\"schemaVersion\":1,\"requestId\":\"CHG1\",\"requestedBy\":\"" + padding
                + "\",\"target\":{\"azureResourceId\":\"" + Fixtures.AKS.id() + "\"}}";

        QueueWorker.Answer answer = assertInstanceOf(QueueWorker.Answer.class, worker.read(ticket, FIRST_SEEN));

        assertEquals(Status.REJECTED, answer.report().status());
        assertEquals("max-size", answer.report().errors().get(0).rule());
        assertTrue(sent.isEmpty(), "nothing is enqueued for it");
    }

    @Test
    void workWithNoTimeLeftToStartIsEnqueuedAgainAsItWas() {
        worker(Fixtures.readyCloud(), FIRST_SEEN).postpone(List.of(eventFor(3)));

        assertEquals(3, sent.get(0).attempt(), "postponing is not an attempt");
        assertTrue(delays.isEmpty());
    }
}
