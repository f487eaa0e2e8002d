package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's Test button: the request JSON as pasted in, the report JSON out. */
class ManualHandlerTest {
    LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private JsonNode invoke(String request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ManualHandler(aws.runtime).handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
        return LocalAws.json(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theConsoleRequestForEksProdAppliesTheBaselineAndReturnsTheReport() throws IOException {
        JsonNode report = invoke(LocalAws.sample("aws/manual-request.json"));

        assertEquals("OPS-2026-0042", report.path("requestId").asText());
        assertEquals("manual", report.path("trigger").asText());
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals(3, report.path("targets").path(0).path("items").size());
        assertTrue(report.path("calls").path("writes").asInt() > 0);
    }

    @Test
    void aRequestThatBreaksAGuardrailIsRejectedNamingTheFieldAndWritesNothing() throws IOException {
        JsonNode report = invoke(LocalAws.sample("tickets/refused/protected-namespace.json"));

        assertEquals("rejected", report.path("status").asText());
        assertEquals("settings[0].namespace", report.path("errors").path(0).path("field").asText());
        assertEquals("guardrail:protectedNamespaces", report.path("errors").path(0).path("rule").asText());
        assertEquals(0, aws.calls().calls().size());
    }

    @Test
    void textThatIsNotJsonIsRejectedSayingSo() throws IOException {
        JsonNode report = invoke("{ not json");

        assertEquals("rejected", report.path("status").asText());
        assertEquals("json", report.path("errors").path(0).path("rule").asText());
    }
}
