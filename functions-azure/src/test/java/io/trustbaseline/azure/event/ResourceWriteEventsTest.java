package io.trustbaseline.azure.event;

import io.trustbaseline.core.target.AzureResourceId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceWriteEventsTest {
    private static final String SUB = "00000000-0000-0000-0000-000000000001";
    private static final String CLUSTER = "/subscriptions/" + SUB
            + "/resourceGroups/rg-platform/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu";

    private static String reference(String file) throws IOException {
        try (InputStream in = ResourceWriteEventsTest.class.getResourceAsStream("/reference/eventgrid/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String filledIn(String official) {
        return official.replace("{subscription-id}", SUB).replace("{resource-group}", "rg-ml").replace("{storage-name}", "stmlweu001");
    }

    private static String event(String resourceUri, String operation) {
        return """
            { "id": "e-1", "eventType": "Microsoft.Resources.ResourceWriteSuccess", "subject": "%1$s",
              "data": { "resourceUri": "%1$s", "operationName": "%2$s", "status": "Succeeded" } }
            """.formatted(resourceUri, operation);
    }

    private static ResourceWriteEvents.Outcome only(String payload) {
        List<ResourceWriteEvents.Outcome> outcomes = ResourceWriteEvents.parse(payload);
        assertEquals(1, outcomes.size());
        return outcomes.get(0);
    }

    @Test
    void theDocsEventGridSchemaSampleActsOnTheStorageAccountItNames() throws IOException {
        ResourceWriteEvents.Act act = assertInstanceOf(ResourceWriteEvents.Act.class,
                only(filledIn(reference("ResourceWriteSuccess.eventgrid-schema.subscription-source.json"))));

        assertEquals("4db48cba-50a2-455a-93b4-de41a3b5b7f6", act.eventId());
        assertEquals(AzureResourceId.of(SUB, "rg-ml", "Microsoft.Storage/storageAccounts", "stmlweu001"), act.resource());
    }

    @Test
    void theDocsCloudEventsSampleActsOnTheSameAccount() throws IOException {
        ResourceWriteEvents.Act act = assertInstanceOf(ResourceWriteEvents.Act.class,
                only(filledIn(reference("ResourceWriteSuccess.cloudevents-schema.resourcegroup-source.json"))));

        assertEquals("stmlweu001", act.resource().name());
    }

    @Test
    void theSamplesAsPublishedAreRefusedForTheirPlaceholderResourceId() throws IOException {
        ResourceWriteEvents.Invalid invalid = assertInstanceOf(ResourceWriteEvents.Invalid.class,
                only(reference("ResourceWriteSuccess.eventgrid-schema.subscription-source.json")));

        assertEquals("[0].data.resourceUri", invalid.errors().get(0).field());
        assertEquals("resource-id", invalid.errors().get(0).rule());
        assertEquals("the subscription id must be a GUID", invalid.errors().get(0).message());
    }

    @Test
    void theSdkSampleOfAnEventSubscriptionWriteIsIgnored() throws IOException {
        ResourceWriteEvents.Ignore ignore = assertInstanceOf(ResourceWriteEvents.Ignore.class,
                only(reference("ResourceWriteSuccessEvent.azure-sdk-for-java-test.json")));

        assertTrue(ignore.reason().contains("Microsoft.EventGrid/eventSubscriptions"), ignore.reason());
    }

    @Test
    void aResourceNotificationsEventIsIgnoredAsAnotherEventType() throws IOException {
        ResourceWriteEvents.Ignore ignore = assertInstanceOf(ResourceWriteEvents.Ignore.class,
                only(reference("ResourceNotifications.CreatedOrUpdated.cloudevents-schema.storageAccount.json")));

        assertTrue(ignore.reason().startsWith("the event type Microsoft.ResourceNotifications.Resources.CreatedOrUpdated"));
    }

    @Test
    void aClusterWriteIsActedOn() {
        assertInstanceOf(ResourceWriteEvents.Act.class,
                only(event(CLUSTER, "Microsoft.ContainerService/managedClusters/write")));
    }

    @Test
    void aBindingWriteIsIgnoredAsASubResource() {
        ResourceWriteEvents.Ignore ignore = assertInstanceOf(ResourceWriteEvents.Ignore.class, only(event(
                CLUSTER + "/trustedAccessRoleBindings/aml-central",
                "Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write")));

        assertTrue(ignore.reason().contains("sub-resource Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings"));
    }

    @Test
    void anIdLongerThanTheResourceIsIgnoredWhateverTheOperationSays() {
        assertInstanceOf(ResourceWriteEvents.Ignore.class, only(event(CLUSTER + "/agentPools/np1",
                "Microsoft.ContainerService/managedClusters/write")));
    }

    @Test
    void anOperationOtherThanTheResourcesOwnWriteIsIgnored() {
        assertInstanceOf(ResourceWriteEvents.Ignore.class, only(event(CLUSTER,
                "Microsoft.ContainerService/managedClusters/agentPools/write")));
    }

    @Test
    void writesOfOtherTypesAndOfResourceGroupsAreIgnored() {
        assertInstanceOf(ResourceWriteEvents.Ignore.class, only(event("/subscriptions/" + SUB
                + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "Microsoft.Compute/virtualMachines/write")));
        assertInstanceOf(ResourceWriteEvents.Ignore.class, only(event("/subscriptions/" + SUB + "/resourceGroups/rg",
                "Microsoft.Resources/subscriptions/resourceGroups/write")));
    }

    @Test
    void theResourceIdComesFromTheSubjectWhenTheDataHasNone() {
        ResourceWriteEvents.Act act = assertInstanceOf(ResourceWriteEvents.Act.class, only("""
            { "specversion": "1.0", "id": "c-1", "type": "Microsoft.Resources.ResourceWriteSuccess", "source": "/subscriptions/%s",
              "subject": "%s", "data": { "operationName": "Microsoft.ContainerService/managedClusters/write" } }
            """.formatted(SUB, CLUSTER)));

        assertEquals(CLUSTER, act.resource().id());
    }

    @Test
    void malformedEventsNameTheirField() {
        assertEquals("$", ((ResourceWriteEvents.Invalid) only("{not json")).errors().get(0).field());
        assertEquals("id", ((ResourceWriteEvents.Invalid) only("""
            { "eventType": "Microsoft.Resources.ResourceWriteSuccess", "data": {} }""")).errors().get(0).field());
        assertEquals("eventType", ((ResourceWriteEvents.Invalid) only("{ \"id\": \"x\" }")).errors().get(0).field());
        assertEquals("data.operationName", ((ResourceWriteEvents.Invalid) only("""
            { "id": "x", "eventType": "Microsoft.Resources.ResourceWriteSuccess", "data": { "resourceUri": "%s" } }
            """.formatted(CLUSTER))).errors().get(0).field());
        ResourceWriteEvents.Invalid badName = (ResourceWriteEvents.Invalid) only(event(CLUSTER.replace("aks-prod-weu", "-bad-"),
                "Microsoft.ContainerService/managedClusters/write"));
        assertEquals("name", badName.errors().get(0).rule());
    }

    @Test
    void aWriteThatDidNotSucceedIsIgnored() {
        assertInstanceOf(ResourceWriteEvents.Ignore.class, only(event(CLUSTER, "Microsoft.ContainerService/managedClusters/write")
                .replace("\"Succeeded\"", "\"Failed\"")));
    }
}
