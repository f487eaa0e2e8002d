package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.local.LocalOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.trustbaseline.azure.AzureTestCloud.AKS_NEW;
import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketQueueTest {
    private final AzureTestCloud cloud = AzureTestCloud.start();
    private final TicketQueue function = new TicketQueue(cloud.runtime());

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static String creatingClusterTicket() {
        return """
            { "schemaVersion": 1, "requestId": "CHG9", "requestedBy": "alice@example.com", "target": { "azureResourceId": "%s" } }
            """.formatted(AKS_NEW);
    }

    @Test
    void theQueueSampleTicketIsAppliedAndItsReportGoesToTheResultsQueue() {
        String message = json(sample("azure/queue-ticket.json")).path("input").asText();
        LocalOutput<String> result = new LocalOutput<>();

        function.run(message, 1, result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("ticket", report.path("trigger").asText());
        assertEquals("CHG0031337", report.path("requestId").asText());
        assertEquals("alice@example.com", report.path("requestedBy").asText());
    }

    @Test
    void aBadTicketGetsItsRejectionOnTheResultsQueueWithNothingWrittenAndNoRetry() {
        LocalOutput<String> result = new LocalOutput<>();

        function.run(sample("tickets/refused/bad-fields.json"), 1, result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("rejected", report.path("status").asText());
        assertTrue(report.path("errors").size() > 0);
        for (JsonNode error : report.path("errors")) {
            assertTrue(!error.path("field").asText().isEmpty() && !error.path("rule").asText().isEmpty(), error::toString);
        }
        assertTrue(cloud.calls().calls().isEmpty(), "no cloud call at all");
    }

    @Test
    void aMessageThatIsNotJsonIsRejectedNamingTheDocument() {
        LocalOutput<String> result = new LocalOutput<>();

        function.run("this is not a ticket", 1, result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("rejected", report.path("status").asText());
        assertEquals("$", report.path("errors").get(0).path("field").asText());
        assertEquals("json", report.path("errors").get(0).path("rule").asText());
    }

    @Test
    void aTicketForAClusterStillCreatingThrowsForRedeliveryBeforeTheLastAttempt() {
        LocalOutput<String> result = new LocalOutput<>();

        RedeliveryRequested redelivery = assertThrows(RedeliveryRequested.class,
                () -> function.run(creatingClusterTicket(), 1, result, context("TicketQueue")));

        assertNull(result.getValue(), "nothing on the results queue yet");
        assertEquals("deferred", json(redelivery.reportJson()).path("status").asText());
        assertEquals(0, cloud.calls().writes());
    }

    @Test
    void onTheLastAttemptTheDeferredReportReachesTheResultsQueueInsteadOfThePoisonQueue() {
        LocalOutput<String> result = new LocalOutput<>();

        function.run(creatingClusterTicket(), AzureRuntime.DEFAULT_MAX_DEQUEUE_COUNT, result, context("TicketQueue"));

        assertEquals("deferred", json(result.getValue()).path("status").asText());
    }
}
