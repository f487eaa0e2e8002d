package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every official reference payload is recognised as the kind the real platform delivers. */
class PayloadKindTest {
    /** Official payloads copied into this module's test resources (provenance in its README). */
    private static final String REFERENCE = "/reference/";

    @Test
    void eventGridSchemaArrayIsAnEventGridEvent() throws IOException {
        assertEquals(Optional.of(PayloadKind.EVENT_GRID),
                detect("azure/eventgrid/ResourceWriteSuccess.eventgrid-schema.subscription-source.json"));
        assertEquals(Optional.of(PayloadKind.EVENT_GRID),
                detect("azure/eventgrid/ResourceWriteSuccessEvent.azure-sdk-for-java-test.json"));
    }

    @Test
    void cloudEventsSchemaIsACloudEvent() throws IOException {
        assertEquals(Optional.of(PayloadKind.CLOUD_EVENTS),
                detect("azure/eventgrid/ResourceWriteSuccess.cloudevents-schema.resourcegroup-source.json"));
    }

    @Test
    void eventBridgeCreateClusterIsAnEventBridgeEventAndTheScheduleIsAScheduledEvent() throws IOException {
        assertEquals(Optional.of(PayloadKind.EVENTBRIDGE), detect("aws/eventbridge/eventbridge.eks-CreateCluster.COMPOSED.json"));
        assertEquals(Optional.of(PayloadKind.SCHEDULED_EVENT), detect("aws/lambda-java-events/scheduled_event.cloudwatch_event.json"));
    }

    @Test
    void sqsEventsAreSqsEvents() throws IOException {
        assertEquals(Optional.of(PayloadKind.SQS_EVENT), detect("aws/lambda-java-events/sqs_event_product.json"));
        assertEquals(Optional.of(PayloadKind.SQS_EVENT), detect("aws/lambda-java-events/sqs_event_nobody.json"));
    }

    @Test
    void requestsQueueMessagesAndTimersAreToldApartByShape() throws IOException {
        assertEquals(Optional.of(PayloadKind.REQUEST), PayloadKind.detect(Json.MAPPER.readTree(
                "{\"schemaVersion\":1,\"requestId\":\"x\",\"target\":{}}")));
        assertEquals(Optional.of(PayloadKind.AZURE_QUEUE_MESSAGE), PayloadKind.detect(Json.MAPPER.readTree("{\"input\":\"{}\"}")));
        assertEquals(Optional.of(PayloadKind.AZURE_TIMER), PayloadKind.detect(Json.MAPPER.readTree(
                "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}")));
    }

    @Test
    void aRequestWithAMisspeltTargetIsStillARequestSoTheParserNamesTheField() throws IOException {
        assertEquals(Optional.of(PayloadKind.REQUEST), PayloadKind.detect(Json.MAPPER.readTree(
                "{\"schemaVersion\":1,\"requestId\":\"x\",\"Target\":{}}")));
        assertEquals(Optional.of(PayloadKind.REQUEST), PayloadKind.detect(Json.MAPPER.readTree(
                "{\"requestId\":\"x\",\"Target\":{}}")));
        assertEquals(Optional.of(PayloadKind.REQUEST), PayloadKind.detect(Json.MAPPER.readTree(
                "{\"schemaVersion\":1,\"TARGET\":{}}")));
    }

    @Test
    void anythingElseIsUnknown() throws IOException {
        assertEquals(Optional.empty(), PayloadKind.detect(Json.MAPPER.readTree("{\"hello\":\"world\"}")));
        assertEquals(Optional.empty(), PayloadKind.detect(Json.MAPPER.readTree("[1,2]")));
        assertEquals(Optional.empty(), PayloadKind.detect(Json.MAPPER.readTree("\"text\"")));
    }

    private static Optional<PayloadKind> detect(String file) throws IOException {
        try (InputStream in = PayloadKindTest.class.getResourceAsStream(REFERENCE + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + REFERENCE + file);
            }
            JsonNode node = Json.MAPPER.readTree(in);
            return PayloadKind.detect(node);
        }
    }
}
