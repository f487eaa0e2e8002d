package io.trustbaseline.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official payloads through the queue handler: each becomes a report, none crashes or is retried. */
class ReferencePayloadsTest {
    static final Path REFERENCE = Path.of("src/test/resources/reference/aws");
    LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private QueueResponse handle(SQSEvent event) {
        return new QueueHandler(aws.runtime).handleRequest(event, null);
    }

    private static JsonNode report(QueueResponse response) {
        return Json.MAPPER.valueToTree(response.getReports().get(0));
    }

    @Test
    void eachEventBridgeReferencePayloadInAMessageIsRejectedNamingAFieldAndNotRetried() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(REFERENCE.resolve("eventbridge"))) {
            files = listed.sorted().toList();
        }
        assertEquals(4, files.size());
        for (Path file : files) {
            QueueResponse response = handle(LocalAws.sqsEvent(Files.readString(file)));

            assertEquals(List.of(), response.getBatchItemFailures(), file::toString);
            JsonNode report = report(response);
            assertEquals("rejected", report.path("status").asText(), file + ": " + report);
            assertTrue(report.path("errors").size() > 0, file::toString);
        }
        assertEquals(0, aws.calls().calls().size(), "nothing read or written for an event it does not handle");
        assertEquals(4, aws.results().size());
    }

    @Test
    void aMessageWithoutABodyIsRejectedAsAnEmptyRequest() {
        SQSEvent event = EventLoader.loadSQSEvent(REFERENCE.resolve("lambda-java-events/sqs_event_nobody.json").toString());

        QueueResponse response = handle(event);

        assertEquals(List.of(), response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList());
        JsonNode report = report(response);
        assertEquals("rejected", report.path("status").asText());
        assertEquals("$", report.path("errors").path(0).path("field").asText());
        assertEquals("required", report.path("errors").path(0).path("rule").asText());
    }

    @Test
    void aMessageWithSomeOtherJsonIsRejectedNamingTheMissingFields() {
        SQSEvent event = EventLoader.loadSQSEvent(REFERENCE.resolve("lambda-java-events/sqs_event_product.json").toString());

        JsonNode report = report(handle(event));

        assertEquals("rejected", report.path("status").asText());
        List<String> fields = report.path("errors").findValuesAsText("field");
        assertTrue(fields.containsAll(List.of("schemaVersion", "requestId", "target")), fields::toString);
    }
}
