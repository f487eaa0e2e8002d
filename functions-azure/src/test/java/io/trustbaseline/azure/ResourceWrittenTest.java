package io.trustbaseline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.localcloud.CallLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trustbaseline.azure.AzureTestCloud.ACR_BASIC;
import static io.trustbaseline.azure.AzureTestCloud.MLWORKLOAD;
import static io.trustbaseline.azure.AzureTestCloud.STORAGE;
import static io.trustbaseline.azure.AzureTestCloud.SUB;
import static io.trustbaseline.azure.AzureTestCloud.WORKSPACE;
import static io.trustbaseline.azure.AzureTestCloud.WORKSPACE_PRINCIPAL;
import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.json;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Event Grid function over real SDK managers against the local ARM, on the samples in events-samples/azure. */
class ResourceWrittenTest {
    private static final String BINDINGS = "/azure/subscriptions/" + SUB + "/resourceGroups/rg-platform/managedClusters/aks-prod-weu/trustedAccessRoleBindings";
    private static final String ML_SOURCE = "/subscriptions/" + SUB + "/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-central";

    private AzureTestCloud cloud = AzureTestCloud.start();

    @AfterEach
    void stop() {
        cloud.close();
    }

    /** The event through the Event Grid function, then its enqueued work through the queue worker. */
    private JsonNode run(String event) {
        return cloud.eventToEnd(event);
    }

    /** The report of a one-element Event Grid array. */
    private JsonNode runSample(String sample) {
        JsonNode reports = run(sample("azure/" + sample));
        return reports.isArray() ? reports.get(0) : reports;
    }

    private static JsonNode item(JsonNode report) {
        return report.path("targets").get(0).path("items").get(0);
    }

    /** A single Event Grid event for a written resource. */
    private static String eventFor(String resourceId, String type) {
        return """
            { "id": "e-1", "eventType": "Microsoft.Resources.ResourceWriteSuccess", "subject": "%1$s",
              "eventTime": "2025-06-02T09:00:00Z", "dataVersion": "2", "metadataVersion": "1",
              "data": { "resourceUri": "%1$s", "operationName": "%2$s/write", "status": "Succeeded" } }
            """.formatted(resourceId, type);
    }

    private void seedBindings(String json) {
        cloud.resource("rg-platform", "managedClusters", "aks-prod-weu").set("trustedAccessRoleBindings", json(json));
    }

    @Test
    void aNewAksClusterGetsTheBaselineBindingCreatedAndVerified() {
        JsonNode report = runSample("eventgrid-aks-created.json");

        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("create", item(report).path("action").asText());
        assertEquals("applied", item(report).path("status").asText());
        JsonNode binding = cloud.world(BINDINGS + "/aml-central");
        assertEquals(ML_SOURCE, binding.path("sourceResourceId").asText());
        assertEquals(List.of(MLWORKLOAD), List.of(binding.path("roles").get(0).asText()));
        assertEquals(1, cloud.calls().byApi().get("arm:TrustedAccessRoleBindings_CreateOrUpdate"));
    }

    @Test
    void theReportCountsEveryRequestTheCloudServedTheBindingsPollsIncluded() {
        JsonNode report = runSample("eventgrid-aks-created.json");

        assertTrue(cloud.calls().byApi().containsKey("arm:ContainerServiceOperationStatus_Get"), "the PUT was polled");
        assertEquals(cloud.calls().reads(), report.path("calls").path("reads").asLong(), cloud.calls().byApi()::toString);
        assertEquals(cloud.calls().writes(), report.path("calls").path("writes").asLong(), cloud.calls().byApi()::toString);
    }

    @Test
    void theSameEventAgainMakesNoWrites() {
        runSample("eventgrid-aks-created.json");
        cloud.calls().clear();

        JsonNode again = runSample("eventgrid-aks-created.json");

        assertEquals("compliant", again.path("status").asText(), again::toString);
        assertEquals(0, cloud.calls().writes(), cloud.calls().byApi()::toString);
        assertEquals(0, again.path("calls").path("writes").asLong());
    }

    @Test
    void theCloudEventsSampleIsActedOnLikeTheEventGridOne() {
        JsonNode report = run(sample("azure/cloudevents-aks-created.json"));

        assertTrue(report.isObject(), "one CloudEvent gives one report");
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals("0b4d1f2e-6a1c-4c55-9d1e-3f7a2b9c0a12", report.path("requestId").asText());
        assertEquals("event", report.path("trigger").asText());
    }

    @Test
    void theFunctionOnlyEnqueuesAndAnswersAtOnceWithoutACloudCall() {
        JsonNode answer = json(new ResourceWritten(cloud.runtime()).run(sample("azure/eventgrid-aks-created.json"),
                context("ResourceWritten"))).get(0);

        assertEquals("trust-requests", answer.path("enqueued").asText(), answer::toString);
        assertEquals(List.of(), cloud.calls().calls(), "the worker reconciles, not the Event Grid function");
        assertEquals(1, cloud.queue().drain(cloud.runtime(), 1).invocations(), "one message on the queue");
    }

    @Test
    void anEventIdShapedLikeATokenIsRedactedInTheFunctionsAnswerAndInTheWorkersReport() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJlMTIz";
        String event = sample("azure/eventgrid-aks-created.json").replace("\"id\": \"", "\"id\": \"" + token);
        assertTrue(event.contains(token), "the sample's event id carries the token");

        JsonNode report = run(event);
        String answer = new ResourceWritten(cloud.runtime()).run(event, context("ResourceWritten"));

        assertFalse(answer.contains(token), answer);
        assertTrue(answer.contains("trust-requests"), answer);
        assertFalse(report.toString().contains(token), report::toString);
        assertFalse(ResourceWritten.isEnqueued(report.get(0)), "the worker's report, not the acknowledgment: " + report);
        assertEquals("applied", report.get(0).path("status").asText(), report::toString);
    }

    @Test
    void aClusterStillCreatingIsDeferredAndItsWorkComesBackLaterWithNothingWritten() {
        JsonNode report = run(sample("azure/eventgrid-aks-creating.json")).get(0);

        assertEquals("deferred", report.path("status").asText());
        assertTrue(report.path("targets").get(0).path("message").asText().contains("Creating"));
        assertEquals(0, cloud.calls().writes());
        assertEquals(List.of(Duration.ofSeconds(30)), cloud.queue().delayed().stream().map(LocalQueue.Sent::delay).toList());
        assertEquals(1, cloud.queue().delayed().get(0).message().attempt());
    }

    @Test
    void aDuplicateEventIsADuplicateMessageThatConvergesWithoutAnotherWrite() {
        String event = sample("azure/eventgrid-aks-created.json");
        String twice = "[" + event.strip().substring(1, event.strip().length() - 1) + ","
                + event.strip().substring(1, event.strip().length() - 1) + "]";

        JsonNode reports = run(twice);

        assertEquals(List.of("applied", "compliant"), List.of(reports.get(0).path("status").asText(),
                reports.get(1).path("status").asText()), reports::toString);
        assertEquals(1, cloud.calls().byApi().get("arm:TrustedAccessRoleBindings_CreateOrUpdate"));
    }

    @Test
    void aBindingOfTheSameNameWithOtherRolesIsUpdated() {
        seedBindings("""
            { "aml-central": { "sourceResourceId": "%s", "roles": ["Microsoft.MachineLearningServices/workspaces/reader"] } }
            """.formatted(ML_SOURCE));

        JsonNode report = runSample("eventgrid-aks-created.json");

        assertEquals("update", item(report).path("action").asText(), report::toString);
        assertEquals("applied", item(report).path("status").asText());
        assertEquals("Microsoft.MachineLearningServices/workspaces/reader", item(report).path("before").path("roles").get(0).asText());
        assertEquals(MLWORKLOAD, cloud.world(BINDINGS + "/aml-central/roles/0").asText());
        assertEquals(1, cloud.world(BINDINGS + "/aml-central/roles").size());
    }

    @Test
    void aRoleNotOfferedForTheSourceTypeIsBlockedWithThatMessageAndNothingWritten() {
        cloud.close();
        cloud = AzureTestCloud.withBaseline(sample("baseline.yaml")
                .replace("          - " + MLWORKLOAD, "          - Microsoft.MachineLearningServices/workspaces/inference"));

        JsonNode report = runSample("eventgrid-aks-created.json");

        assertEquals("blocked", item(report).path("status").asText(), report::toString);
        assertTrue(item(report).path("message").asText().startsWith("role Microsoft.MachineLearningServices/workspaces/inference"
                + " is not offered for source type Microsoft.MachineLearningServices/workspaces"), item(report)::toString);
        assertEquals(0, cloud.calls().writes());
        assertTrue(cloud.world(BINDINGS).isEmpty());
    }

    @Test
    void aNinthBindingIsBlockedWithTheLimitMessage() {
        StringBuilder eight = new StringBuilder("{");
        for (int i = 1; i <= 8; i++) {
            eight.append(i > 1 ? "," : "").append("\"other-").append(i).append("\": { \"sourceResourceId\": \"")
                    .append(ML_SOURCE).append("\", \"roles\": [\"").append(MLWORKLOAD).append("\"] }");
        }
        seedBindings(eight.append('}').toString());

        JsonNode report = runSample("eventgrid-aks-created.json");

        assertEquals("blocked", item(report).path("status").asText(), report::toString);
        assertTrue(item(report).path("message").asText().contains("already has 8 bindings, the most AKS allows"));
        assertEquals(0, cloud.calls().writes());
        assertEquals(8, cloud.world(BINDINGS).size());
    }

    @Test
    void aRegistryThatBypassesNothingIsSetToAzureServices() {
        JsonNode report = runSample("eventgrid-acr-created.json");

        assertEquals("applied", report.path("status").asText(), report::toString);
        JsonNode registry = cloud.world("/azure/subscriptions/" + SUB + "/resourceGroups/rg-platform/registries/acrplatformweu");
        assertEquals("AzureServices", registry.path("networkRuleBypassOptions").asText());
        assertEquals("Premium", registry.path("sku").asText());
        assertEquals(1, cloud.calls().byApi().get("arm:Registries_Update"));
    }

    @Test
    void aBasicRegistryWhereTheBaselineRequiresPremiumIsReportedBlockedAndLeftUnchanged() {
        JsonNode report = run(eventFor(ACR_BASIC, "Microsoft.ContainerRegistry/registries"));

        assertEquals("blocked", item(report).path("status").asText(), report::toString);
        assertTrue(item(report).path("message").asText().contains("the SKU is Basic but the baseline requires Premium"));
        assertEquals(0, cloud.calls().writes());
        JsonNode registry = cloud.world("/azure/subscriptions/" + SUB + "/resourceGroups/rg-platform/registries/acrbasicweu");
        assertEquals("None", registry.path("networkRuleBypassOptions").asText());
        assertEquals("Basic", registry.path("sku").asText());
    }

    @Test
    void aStorageAccountKeepsLoggingMetricsAndItsRulesWhenAzureServicesIsAdded() {
        JsonNode report = run(eventFor(STORAGE, "Microsoft.Storage/storageAccounts"));

        assertEquals("applied", report.path("status").asText(), report::toString);
        JsonNode acls = cloud.world("/azure/subscriptions/" + SUB + "/resourceGroups/rg-ml/storageAccounts/stmlweu001/networkAcls");
        assertEquals("Logging, Metrics, AzureServices", acls.path("bypass").asText());
        assertEquals("Deny", acls.path("defaultAction").asText());
        assertEquals("203.0.113.0/24", acls.path("ipRules").get(0).path("value").asText());
        assertEquals(1, acls.path("ipRules").size());
    }

    @Test
    void anHbiWorkspaceGetsBothStorageRolesAndASecondRunGrantsNone() {
        String event = eventFor(WORKSPACE, "Microsoft.MachineLearningServices/workspaces");
        JsonNode first = run(event);

        assertEquals("applied", first.path("status").asText(), first::toString);
        JsonNode assignments = cloud.world("/azure/subscriptions/" + SUB + "/roleAssignments");
        assertEquals(2, assignments.size());
        for (JsonNode a : assignments) {
            assertEquals(STORAGE, a.path("scope").asText());
            assertEquals(WORKSPACE_PRINCIPAL, a.path("principalId").asText());
        }
        assertEquals(List.of("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "17d1049b-9a84-46fb-8f53-869881c3d3ab"),
                List.of(assignments.get(0).path("roleDefinitionId").asText(), assignments.get(1).path("roleDefinitionId").asText()));
        cloud.calls().clear();

        JsonNode second = run(event);

        assertEquals("compliant", second.path("status").asText(), second::toString);
        assertEquals(0, cloud.calls().writes());
        assertEquals(2, cloud.world("/azure/subscriptions/" + SUB + "/roleAssignments").size());
    }

    @Test
    void anInjected429IsRetriedAfterItsRetryAfterAndTheBindingIsCreated() {
        cloud.fault("arm:TrustedAccessRoleBindings_CreateOrUpdate", "TooManyRequests", 7, 1);

        JsonNode report = runSample("eventgrid-aks-created.json");

        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals(List.of(Duration.ofSeconds(7)), cloud.waits(), "the core waited what Retry-After said");
        assertEquals(List.of(429, 201), cloud.calls().calls().stream()
                .filter(c -> c.api().equals("arm:TrustedAccessRoleBindings_CreateOrUpdate")).map(CallLog.Call::status).toList());
        assertEquals(2, report.path("calls").path("writes").asLong(), "both attempts are counted");
    }

    @Test
    void aPollOfTheBindingsOperationFailingTwiceIsRetriedAloneNeverTheWriteNorAnInternalError() {
        cloud.fault("arm:ContainerServiceOperationStatus_Get", "InternalServerError", null, 2);

        JsonNode report = runSample("eventgrid-aks-created.json");

        assertEquals(List.of(500, 500), cloud.calls().calls().stream()
                .filter(c -> c.api().equals("arm:ContainerServiceOperationStatus_Get")).map(CallLog.Call::status)
                .limit(2).toList());
        assertFalse(report.toString().contains("InternalError"), report::toString);
        assertFalse(report.toString().contains("NullPointerException"), report::toString);
        assertEquals("applied", report.path("status").asText(), report::toString);
        assertEquals(MLWORKLOAD, cloud.world(BINDINGS + "/aml-central/roles/0").asText());
        assertEquals(1, cloud.calls().calls().stream()
                .filter(c -> c.api().equals("arm:TrustedAccessRoleBindings_CreateOrUpdate")).count(), "one PUT");
        assertEquals(1, report.path("calls").path("writes").asLong(), report::toString);
    }

    @Test
    void anInjected403FailsTheItemNamingTheMissingPermissionWithoutRedelivery() {
        cloud.fault("arm:Registries_Update", "AuthorizationFailed", null, 1);

        JsonNode report = runSample("eventgrid-acr-created.json");

        assertEquals("failed", report.path("status").asText(), report::toString);
        JsonNode error = item(report).path("error");
        assertEquals("AuthorizationFailed", error.path("code").asText());
        assertEquals("Microsoft.ContainerRegistry/registries/write", error.path("permission").asText());
        assertTrue(item(report).path("message").asText().contains("lacks Microsoft.ContainerRegistry/registries/write"));
        assertFalse(error.path("transient").asBoolean());
    }

    @Test
    void aTrustedAccessBindingWriteIsIgnoredWithAnIgnoredReportAndNoCall() {
        JsonNode report = runSample("eventgrid-binding-write-ignored.json");

        assertEquals("ignored", report.path("status").asText(), report::toString);
        assertTrue(report.path("targets").get(0).path("message").asText().startsWith("ignored: a write of the sub-resource"));
        assertTrue(cloud.calls().calls().isEmpty());
    }

    @Test
    void aMalformedEventIsRejectedNamingTheFieldAndNotRetried() {
        JsonNode report = run("""
            { "id": "e-2", "eventType": "Microsoft.Resources.ResourceWriteSuccess", "subject": "/subscriptions/x" }
            """);

        assertEquals("rejected", report.path("status").asText(), report::toString);
        assertEquals("data", report.path("errors").get(0).path("field").asText());
        assertTrue(cloud.calls().calls().isEmpty());
    }

    @Test
    void anArrayOfEventsGivesAnArrayOfReportsInOrder() {
        String both = "[" + eventFor(STORAGE, "Microsoft.Storage/storageAccounts") + ","
                + json(sample("azure/eventgrid-binding-write-ignored.json")).get(0) + "]";

        JsonNode reports = run(both);

        assertEquals(2, reports.size());
        assertEquals("applied", reports.get(0).path("status").asText());
        assertEquals("ignored", reports.get(1).path("status").asText());
    }

    @Test
    void aDryRunDeploymentPlansTheBindingAndWritesNothing() {
        cloud.close();
        cloud = AzureTestCloud.dryRun();

        JsonNode report = runSample("eventgrid-aks-created.json");

        assertTrue(report.path("dryRun").asBoolean());
        assertEquals("planned", report.path("status").asText(), report::toString);
        assertEquals(0, cloud.calls().writes());
    }

    @Test
    void theOfficialReferencePayloadsParseThroughTheFunction() throws Exception {
        String docs = reference("ResourceWriteSuccess.eventgrid-schema.subscription-source.json");
        String cloudEvents = reference("ResourceWriteSuccess.cloudevents-schema.resourcegroup-source.json");
        // The second sample names the same account: by then it is compliant.
        java.util.Iterator<String> expected = List.of("applied", "compliant").iterator();
        for (String official : List.of(docs, cloudEvents)) {
            JsonNode asPublished = run(official).get(0);
            assertEquals("rejected", asPublished.path("status").asText(), "placeholders are no resource id: " + asPublished);
            assertEquals("[0].data.resourceUri", asPublished.path("errors").get(0).path("field").asText());

            JsonNode filledIn = run(official.replace("{subscription-id}", SUB).replace("{resource-group}", "rg-ml")
                    .replace("{storage-name}", "stmlweu001")).get(0);
            assertEquals(expected.next(), filledIn.path("status").asText(), filledIn::toString);
            assertEquals(STORAGE, filledIn.path("targets").get(0).path("target").asText());
        }
        JsonNode sdkSample = run(reference("ResourceWriteSuccessEvent.azure-sdk-for-java-test.json")).get(0);
        assertEquals("ignored", sdkSample.path("status").asText());
        assertTrue(sdkSample.path("targets").get(0).path("message").asText()
                .contains("writes of Microsoft.EventGrid/eventSubscriptions are not handled"));
        JsonNode notification = run(reference("ResourceNotifications.CreatedOrUpdated.cloudevents-schema.storageAccount.json"));
        assertTrue(notification.path("targets").get(0).path("message").asText().contains("is not handled"));
    }

    private static String reference(String file) throws Exception {
        try (var in = ResourceWrittenTest.class.getResourceAsStream("/reference/eventgrid/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
