package io.trustbaseline.azure;

import io.trustbaseline.core.delivery.QueueWorker;
import io.trustbaseline.core.report.ItemError;
import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.localcloud.CallLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long-running write that outlasts its message's budget, over real HTTP with the real SDK: the polls stop when the
 * budget has no room for one, the message comes back later, and the next delivery finds the write done.
 */
class MessageBudgetTest {
    private static final String PUT = "arm:TrustedAccessRoleBindings_CreateOrUpdate";
    private static final String POLL = "arm:ContainerServiceOperationStatus_Get";
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration POLL_WAIT = Duration.ofSeconds(1);
    /** Room for the reads before the PUT on a loaded machine (the SDK's first use included), and a few polls. */
    private static final Duration BUDGET = Duration.ofSeconds(6);

    private final AzureTestCloud cloud = AzureTestCloud.withMessageBudget(RESPONSE_TIMEOUT, POLL_WAIT, BUDGET);
    private final List<QueueWorker.Outcome> outcomes = new ArrayList<>();

    @AfterEach
    void stop() {
        cloud.close();
    }

    private long sent(String api) {
        return cloud.calls().calls().stream().map(CallLog.Call::api).filter(api::equals).count();
    }

    /** Delivers what is on the queue to the ticket queue's function; the time it took. */
    private Duration deliver() {
        long started = System.nanoTime();
        cloud.queue().drain(cloud.runtime(), 1, outcomes::add);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    // Without the bound the SDK polls until the operation ends, and the world's clock, which only the test moves,
    // never lets it; without the cap on the wait between polls, the SDK's first wait is ARM's 30 s.
    @Timeout(value = 25, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBindingPutThatOutlastsTheBudgetComesBackLaterAndTheNextDeliveryFindsItDoneWithNoSecondPut() {
        // The binding's operation runs a minute on the world's clock, ARM asking for 30 s between polls.
        cloud.cloud().world().locked(root -> root.putObject("longRunningOperations").put("durationMs", 60_000)
                .put("retryAfterSeconds", 30));
        new ResourceWritten(cloud.runtime()).run(sample("azure/eventgrid-aks-created.json"), context("ResourceWritten"));

        Duration took = deliver();

        QueueWorker.Later later = assertInstanceOf(QueueWorker.Later.class, outcomes.get(0),
                () -> outcomes.get(0).report().toJson());
        List<ItemError> errors = later.report().targets().get(0).items().stream().map(ItemReport::error)
                .filter(Objects::nonNull).toList();
        assertTrue(errors.stream().anyMatch(e -> e.code().equals("LongRunningWriteStillRunning")), errors::toString);
        assertTrue(errors.stream().allMatch(ItemError::isTransient), errors::toString);
        assertEquals(1, sent(PUT), "one PUT");
        assertTrue(sent(POLL) >= 1, "polled while the budget had room");
        assertTrue(took.compareTo(BUDGET.plus(POLL_WAIT).plus(Duration.ofSeconds(2))) < 0,
                "the budget and at most one wait between polls, with two seconds of slack: " + took);
        assertEquals(List.of(), cloud.queue().deadLetters());
        assertEquals(List.of(), cloud.queue().takeResults(), "no report yet: the work is not done");

        cloud.clock().advance(Duration.ofMinutes(1)); // the operation ends in the cloud
        cloud.queue().send(List.of(later.next()));
        deliver();

        QueueWorker.Answered answered = assertInstanceOf(QueueWorker.Answered.class, outcomes.get(1),
                () -> outcomes.get(1).report().toJson());
        assertEquals(Status.COMPLIANT, answered.report().status(), answered.report()::toJson);
        assertEquals(1, sent(PUT), "no second PUT: the next delivery read the binding the first one wrote");
    }
}
