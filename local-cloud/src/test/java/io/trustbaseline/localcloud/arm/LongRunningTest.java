package io.trustbaseline.localcloud.arm;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.ManualClock;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Long-running operations take the world's time and end as it says: the binding PUT's Azure-AsyncOperation status and
 * the DELETE's Location result answer InProgress / 202 with Retry-After until durationMs has passed on the world's clock,
 * then Succeeded, Failed or Canceled.
 */
class LongRunningTest {
    private static final String CLUSTER = "/subscriptions/" + SUB + "/resourceGroups/" + TestWorlds.RG
            + "/providers/Microsoft.ContainerService/managedClusters/aks1";
    private static final String BINDING = CLUSTER + "/trustedAccessRoleBindings/ml?api-version=2026-07-01";
    private static final String BODY = "{\"properties\":{\"sourceResourceId\":\"" + TestWorlds.WORKSPACE_ID
            + "\",\"roles\":[\"Microsoft.MachineLearningServices/workspaces/mlworkload\"]}}";

    private static World world(String end) {
        World world = TestWorlds.standard();
        world.locked(root -> root.putObject("longRunningOperations").put("durationMs", 60_000).put("retryAfterSeconds", 7)
                .put("end", end));
        return world;
    }

    private static HttpResponse send(LocalCloud cloud, HttpMethod method, String url, String body) {
        HttpRequest request = new HttpRequest(method, url.startsWith("http") ? url : cloud.endpoint() + url);
        if (body != null) {
            request.setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body);
        }
        return LocalArm.connect(cloud.endpoint(), SUB).pipeline().sendSync(request, Context.NONE);
    }

    private static JsonNode json(HttpResponse response) {
        try {
            return World.JSON.readTree(response.getBodyAsBinaryData().toBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBindingPutIsUpdatingUntilTheOperationEndsThenSucceeded() {
        World world = world("Succeeded");
        ManualClock clock = new ManualClock();
        world.useClock(clock);
        try (LocalCloud cloud = LocalCloud.start(world, List.of(ArmService.create()))) {
            HttpResponse put = send(cloud, HttpMethod.PUT, BINDING, BODY);
            assertEquals(201, put.getStatusCode());
            assertEquals("7", put.getHeaderValue("Retry-After"));
            String status = put.getHeaderValue("Azure-AsyncOperation");
            assertNotNull(status);
            assertEquals("Updating", json(put).at("/properties/provisioningState").asText());

            HttpResponse running = send(cloud, HttpMethod.GET, status, null);
            assertEquals("InProgress", json(running).path("status").asText());
            assertEquals("7", running.getHeaderValue("Retry-After"));
            assertEquals("Updating", json(send(cloud, HttpMethod.GET, BINDING, null)).at("/properties/provisioningState").asText());

            clock.advance(Duration.ofMinutes(1));
            assertEquals("Succeeded", json(send(cloud, HttpMethod.GET, status, null)).path("status").asText());
            assertEquals("Succeeded", json(send(cloud, HttpMethod.GET, BINDING, null)).at("/properties/provisioningState").asText());
        }
    }

    @Test
    void aDeleteThatEndsFailedAnswersItsLocationWithTheErrorAndKeepsTheBinding() {
        World world = world("Failed");
        ManualClock clock = new ManualClock();
        world.useClock(clock);
        try (LocalCloud cloud = LocalCloud.start(world, List.of(ArmService.create()))) {
            send(cloud, HttpMethod.PUT, BINDING, BODY);
            clock.advance(Duration.ofMinutes(1));
            HttpResponse delete = send(cloud, HttpMethod.DELETE, BINDING, null);
            assertEquals(202, delete.getStatusCode());
            String location = delete.getHeaderValue("Location");
            assertEquals(202, send(cloud, HttpMethod.GET, location, null).getStatusCode());

            clock.advance(Duration.ofMinutes(1));
            HttpResponse result = send(cloud, HttpMethod.GET, location, null);
            assertEquals(500, result.getStatusCode());
            assertEquals("InternalOperationError", json(result).at("/error/code").asText());
            assertEquals("Failed", json(send(cloud, HttpMethod.GET, BINDING, null)).at("/properties/provisioningState").asText());
        }
    }

    @Test
    void aRegistryPatchThatIsCanceledLeavesTheRegistryUnchanged() {
        World world = world("Canceled");
        ManualClock clock = new ManualClock();
        world.useClock(clock);
        String registry = "/subscriptions/" + SUB + "/resourceGroups/" + TestWorlds.RG
                + "/providers/Microsoft.ContainerRegistry/registries/acrprod1?api-version=2025-11-01";
        try (LocalCloud cloud = LocalCloud.start(world, List.of(ArmService.create()))) {
            HttpResponse patch = send(cloud, HttpMethod.PATCH, registry, "{\"properties\":{\"networkRuleBypassOptions\":\"AzureServices\"}}");
            assertEquals(201, patch.getStatusCode());
            String status = patch.getHeaderValue("Azure-AsyncOperation");
            assertEquals(true, status.contains("/registries/acrprod1/operationStatuses/registries-"), status);
            clock.advance(Duration.ofMinutes(1));
            assertEquals("Canceled", json(send(cloud, HttpMethod.GET, status, null)).path("status").asText());
            assertEquals("None", json(send(cloud, HttpMethod.GET, registry, null)).at("/properties/networkRuleBypassOptions").asText());
        }
    }
}
