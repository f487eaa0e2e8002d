package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.local.LocalOutput;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.trustbaseline.azure.AzureTestCloud.AKS_NEW;
import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.insertedNow;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

        function.run(message, insertedNow(), result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("ticket", report.path("trigger").asText());
        assertEquals("CHG0031337", report.path("requestId").asText());
        assertEquals("alice@example.com", report.path("requestedBy").asText());
    }

    @Test
    void aBadTicketGetsItsRejectionOnTheResultsQueueWithNothingWrittenAndNoRetry() {
        LocalOutput<String> result = new LocalOutput<>();

        function.run(sample("tickets/refused/bad-fields.json"), insertedNow(), result, context("TicketQueue"));

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

        function.run("this is not a ticket", insertedNow(), result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("rejected", report.path("status").asText());
        assertEquals("$", report.path("errors").get(0).path("field").asText());
        assertEquals("json", report.path("errors").get(0).path("rule").asText());
    }

    @Test
    void aTicketForAClusterStillCreatingComesBackAsWorkWithADelayAndNoReportYet() {
        LocalOutput<String> result = new LocalOutput<>();

        function.run(creatingClusterTicket(), insertedNow(), result, context("TicketQueue"));

        assertNull(result.getValue(), "nothing on the results queue yet");
        assertEquals(0, cloud.calls().writes());
        LocalQueue.Sent later = cloud.queue().delayed().get(0);
        assertEquals(Duration.ofSeconds(30), later.delay());
        assertEquals("CHG9", later.message().requestId().orElseThrow());
        assertEquals(Trigger.TICKET, later.message().trigger());
    }

    @Test
    void pastItsReadinessDeadlineTheTicketGoesToThePoisonQueueWithItsReasonAndAReport() {
        LocalOutput<String> result = new LocalOutput<>();
        WorkMessage waitedThreeHours = WorkMessage.ofTicket(json(creatingClusterTicket()), Instant.now().minus(Duration.ofHours(3)));

        function.run(waitedThreeHours.toJson(), insertedNow(), result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("failed", report.path("status").asText());
        assertEquals("readiness-deadline", report.path("errors").path(0).path("rule").asText());
        String reason = cloud.queue().deadLetters().get(0).reason();
        assertTrue(reason.startsWith("the target is Creating, not ready; nothing written — still so after 2 h"), reason);
        assertTrue(cloud.queue().delayed().isEmpty());
    }

    @Test
    void aTicketInsertedThreeHoursAgoIsPastItsDeadlineOnItsFirstReadBecauseTheDeadlineCountsFromInsertion() {
        LocalOutput<String> result = new LocalOutput<>();
        String insertionTime = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).toString();

        function.run(creatingClusterTicket(), insertionTime, result, context("TicketQueue"));

        assertEquals("readiness-deadline", json(result.getValue()).path("errors").path(0).path("rule").asText());
        assertEquals(1, cloud.queue().deadLetters().size());
        assertTrue(cloud.queue().delayed().isEmpty());
    }

    @Test
    void theWorkEnqueuedAgainKeepsTheInsertionTimeAsItsFirstSighting() {
        LocalOutput<String> result = new LocalOutput<>();
        OffsetDateTime inserted = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).withNano(0);

        function.run(creatingClusterTicket(), "\"" + inserted + "\"", result, context("TicketQueue"));

        assertEquals(inserted.toInstant(), cloud.queue().delayed().get(0).message().firstSeenAt(),
                "the host's InsertionTime, also when handed over as a JSON string with its quotes");
    }

    @Test
    void aTicketForAnEksClusterIsRejectedOnceNamingTheTargetAndTheCloudRule() {
        LocalOutput<String> result = new LocalOutput<>();

        function.run("""
            { "schemaVersion": 1, "requestId": "CHG-EKS", "requestedBy": "alice@example.com",
              "target": { "eksClusterArn": "arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod" } }
            """, insertedNow(), result, context("TicketQueue"));

        JsonNode report = json(result.getValue());
        assertEquals("rejected", report.path("status").asText());
        assertEquals("target", report.path("errors").path(0).path("field").asText());
        assertEquals("cloud", report.path("errors").path(0).path("rule").asText());
        assertTrue(cloud.calls().calls().isEmpty());
    }
}
