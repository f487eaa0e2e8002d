package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trustbaseline.core.delivery.DeliveryLimits;
import io.trustbaseline.core.delivery.DeliveryPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SAM template carries the queue limits DeliveryLimits computes: one source of truth, checked. */
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
    void theDefaultReadinessDeadlineIsThePolicysDefault() {
        assertEquals(DeliveryPolicy.DEFAULT_DEADLINE,
                Duration.parse(template.at("/Parameters/ReadinessDeadline/Default").asText()));
        assertTrue(template.at("/Globals/Function/Environment/Variables").has(DeliveryPolicy.READINESS_DEADLINE));
    }
}
