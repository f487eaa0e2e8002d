package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.trustbaseline.azure.local.LocalHttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.trustbaseline.azure.AzureTestCloud.AKS_NEW;
import static io.trustbaseline.azure.AzureTestCloud.ACR;
import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileTest {
    private final AzureTestCloud cloud = AzureTestCloud.start();

    @AfterEach
    void stop() {
        cloud.close();
    }

    private HttpResponseMessage post(String body) {
        return new Reconcile(cloud.runtime()).run(
                LocalHttpRequest.post(URI.create("http://localhost:7071/api/reconcile"), body), context("Reconcile"));
    }

    private static String baselineRequest(String target) {
        return """
            { "schemaVersion": 1, "requestId": "OPS-1", "requestedBy": "operator@example.com", "target": { "azureResourceId": "%s" } }
            """.formatted(target);
    }

    @Test
    void theCodeAndTestSampleIsAppliedWith200AndTheReport() {
        HttpResponseMessage response = post(sample("azure/http-reconcile.json"));

        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeader("Content-Type"));
        JsonNode report = json((String) response.getBody());
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("manual", report.path("trigger").asText());
    }

    @Test
    void aClusterStillCreatingAnswers202WithTheDeferredReport() {
        HttpResponseMessage response = post(baselineRequest(AKS_NEW));

        assertEquals(202, response.getStatusCode());
        assertEquals("deferred", json((String) response.getBody()).path("status").asText());
    }

    @Test
    void aBadRequestAnswers400NamingEachFieldAndWritesNothing() {
        HttpResponseMessage response = post("""
            { "schemaVersion": 2, "requestId": "has spaces", "target": { "azureResourceId": "/subscriptions/nope" } }
            """);

        assertEquals(400, response.getStatusCode());
        JsonNode errors = json((String) response.getBody()).path("errors");
        java.util.Set<String> fields = new java.util.HashSet<>();
        errors.forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(fields.containsAll(java.util.Set.of("schemaVersion", "requestId", "requestedBy", "target.azureResourceId")),
                fields::toString);
        assertTrue(cloud.calls().calls().isEmpty());
    }

    @Test
    void anEmptyBodyAnswers400() {
        HttpResponseMessage response = new Reconcile(cloud.runtime()).run(
                LocalHttpRequest.post(URI.create("http://localhost:7071/api/reconcile"), null), context("Reconcile"));

        assertEquals(400, response.getStatusCode());
        assertEquals("required", json((String) response.getBody()).path("errors").get(0).path("rule").asText());
    }

    @Test
    void aCloudThatKeepsFailingTransientlyAnswers503WithRetryAfter() {
        cloud.fault("arm:Registries_Get", "ServiceUnavailable", null, 100);

        HttpResponseMessage response = post(baselineRequest(ACR));

        assertEquals(503, response.getStatusCode(), () -> (String) response.getBody());
        assertEquals(Reconcile.RETRY_AFTER_SECONDS, response.getHeader("Retry-After"));
    }

    @Test
    void aPermissionMissingAnswers500NamingIt() {
        cloud.fault("arm:Registries_Update", "AuthorizationFailed", null, 1);

        HttpResponseMessage response = post(baselineRequest(ACR));

        assertEquals(500, response.getStatusCode());
        assertNull(response.getHeader("Retry-After"));
        assertTrue(((String) response.getBody()).contains("\"permission\":\"Microsoft.ContainerRegistry/registries/write\""));
    }
}
