package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.reconcile.Retrier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SAM template carries the queue limits DeliveryLimits computes, one source of truth, checked; and the limits
 * hold a message at its worst.
 */
class DeliveryLimitsTemplateTest {
    private final JsonNode template;

    DeliveryLimitsTemplateTest() throws IOException {
        template = new YAMLMapper().readTree(InfraPolicyTest.TEMPLATE.toFile());
    }

    @Test
    void theRequestsQueueHidesABatchForSixFunctionTimeoutsAndDeadLettersAfterTheUnansweredDeliveries() {
        JsonNode queue = template.at("/Resources/RequestsQueue/Properties");

        assertEquals(DeliveryLimits.SQS_VISIBILITY_TIMEOUT.toSeconds(), queue.path("VisibilityTimeout").asLong());
        assertEquals(DeliveryLimits.UNANSWERED_DELIVERIES, queue.at("/RedrivePolicy/maxReceiveCount").asInt());
    }

    @Test
    void theQueueFunctionHasTheTimeoutAndBatchSizeTheWorkerPlansBy() {
        JsonNode function = template.at("/Resources/QueueFunction/Properties");

        assertEquals(DeliveryLimits.LAMBDA_TIMEOUT.toSeconds(), function.path("Timeout").asLong());
        assertEquals(DeliveryLimits.SQS_BATCH_SIZE, function.at("/Events/Requests/Properties/BatchSize").asInt());
        assertTrue(function.at("/Environment/Variables").has(AwsConfig.REQUESTS_QUEUE_URL));
        assertTrue(function.at("/Environment/Variables").has(AwsConfig.DEAD_LETTER_QUEUE_URL));
    }

    @Test
    void theFunctionTimeoutCoversTheFirstMessageOfAFullBatchAtItsWorstAndEveryWriteTheBatchMakesAfterIt() {
        // The first message of a batch starts whatever is left, so the timeout must hold it at its worst: its calls
        // (the message budget), its end, and the rest of a full batch postponed, at the default call timeout.
        Duration firstOfAFullBatch = DeliveryLimits.startReserve(AwsConfig.DEFAULT_CALL_TIMEOUT,
                QueueHandler.batchWritesAfter(DeliveryLimits.SQS_BATCH_SIZE - 1, 0));

        assertTrue(firstOfAFullBatch.compareTo(DeliveryLimits.LAMBDA_TIMEOUT) <= 0, firstOfAFullBatch::toString);
    }

    @Test
    void theFunctionsRetrierGivesEachMessageTheBudgetAndStartsNoCallThatCouldEndPastIt() {
        AtomicLong nanos = new AtomicLong();
        AwsConfig config = AwsConfig.local(URI.create("http://localhost:1"), "111122223333", "eu-west-1")
                .withCallTimeout(Duration.ofSeconds(10));
        Retrier message = AwsRuntime.messageRetrier(config, nanos::get).forWorkItem();

        nanos.set(Duration.ofSeconds(50).toNanos());
        assertEquals("called", message.call(() -> "called", () -> { }), "50 s in, a 10 s call still ends by 60 s");
        nanos.incrementAndGet();
        CloudException spent = assertThrows(CloudException.class, () -> message.call(() -> "called", () -> { }));

        assertEquals("WorkBudgetSpent", spent.code());
        assertTrue(spent.isTransient(), "the work comes back for what is left");
    }

    @Test
    void theDefaultReadinessDeadlineIsThePolicysDefault() {
        assertEquals(DeliveryPolicy.DEFAULT_DEADLINE,
                Duration.parse(template.at("/Parameters/ReadinessDeadline/Default").asText()));
        assertTrue(template.at("/Globals/Function/Environment/Variables").has(DeliveryPolicy.READINESS_DEADLINE));
    }
}
