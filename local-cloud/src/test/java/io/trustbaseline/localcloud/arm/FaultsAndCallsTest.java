package io.trustbaseline.localcloud.arm;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.LocalRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.localcloud.arm.TestWorlds.RG;
import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsAndCallsTest {
    private LocalCloud cloud;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(TestWorlds.standard(), List.of(ArmService.create()));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private ContainerServiceManagementClient aks(com.azure.core.http.policy.HttpPipelinePolicy... policies) {
        return LocalArm.connect(cloud.endpoint(), SUB, policies).containerService().serviceClient();
    }

    @Test
    void anInjected429ReachesTheClientWithRetryAfter() {
        cloud.world().addFault(new Fault("arm:ManagedClusters_Get", "TooManyRequests", null, 7, 1));
        ManagementException throttled = assertThrows(ManagementException.class,
                () -> aks().getManagedClusters().getByResourceGroup(RG, "aks1"));
        assertEquals(429, throttled.getResponse().getStatusCode());
        assertEquals("7", throttled.getResponse().getHeaderValue("Retry-After"));
        assertEquals("TooManyRequests", throttled.getValue().getCode());
    }

    @Test
    void aClientWithARetryPolicyGetsThroughAnInjected429() {
        cloud.world().addFault(new Fault("arm:ManagedClusters_Get", "TooManyRequests", null, null, 1));
        assertEquals("aks1", aks(new RetryPolicy()).getManagedClusters().getByResourceGroup(RG, "aks1").name());
        assertEquals(List.of(429, 200), cloud.calls().calls().stream().map(c -> c.status()).toList());
    }

    @Test
    void anInjectedAuthorizationFailureNamesTheActionTheApiNeeds() {
        cloud.world().addFault(new Fault("arm:TrustedAccessRoleBindings_List", "AuthorizationFailed", null, null, 1));
        ManagementException denied = assertThrows(ManagementException.class,
                () -> aks().getTrustedAccessRoleBindings().list(RG, "aks1").stream().count());
        assertEquals(403, denied.getResponse().getStatusCode());
        assertTrue(denied.getValue().getMessage().contains(
                "'Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/read'"), denied.getValue().getMessage());
    }

    @Test
    void injected5xxFaultsKeepTheirArmCodes() {
        cloud.world().addFault(new Fault("arm:ManagedClusters_Get", "InternalServerError", null, null, 1));
        cloud.world().addFault(new Fault("arm:ManagedClusters_Get", "ServiceUnavailable", null, null, 1));
        ManagementException first = assertThrows(ManagementException.class,
                () -> aks().getManagedClusters().getByResourceGroup(RG, "aks1"));
        ManagementException second = assertThrows(ManagementException.class,
                () -> aks().getManagedClusters().getByResourceGroup(RG, "aks1"));
        assertEquals(500, first.getResponse().getStatusCode());
        assertEquals(503, second.getResponse().getStatusCode());
        assertEquals("ServiceUnavailable", second.getValue().getCode());
    }

    @Test
    void callsAreCountedPerApiAsReadsAndWrites() {
        ContainerServiceManagementClient aks = aks();
        aks.getManagedClusters().getByResourceGroup(RG, "aks1");
        aks.getTrustedAccessRoles().list("westeurope").stream().count();
        aks.getTrustedAccessRoleBindings().list(RG, "aks1").stream().count();
        aks.getTrustedAccessRoleBindings().list(RG, "aks1").stream().count();

        assertEquals(Map.of("arm:ManagedClusters_Get", 1, "arm:TrustedAccessRoles_List", 1,
                "arm:TrustedAccessRoleBindings_List", 2), cloud.calls().byApi());
        assertEquals(4, cloud.calls().reads());
        assertEquals(0, cloud.calls().writes());
    }

    @Test
    void aRequestWithoutApiVersionIsRefusedAsArmDoes() {
        String url = cloud.endpoint() + "/subscriptions/" + SUB + "/resourceGroups/" + RG
                + "/providers/Microsoft.ContainerService/managedClusters/aks1";
        try (HttpResponse response = LocalArm.connect(cloud.endpoint(), SUB).pipeline()
                .sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            assertEquals(400, response.getStatusCode());
            assertTrue(response.getBodyAsBinaryData().toString().contains("MissingApiVersionParameter"));
        }
    }

    @Test
    void sigV4RequestsAreLeftToTheAwsEmulators() {
        LocalRequest signed = new LocalRequest("GET", "/subscriptions/" + SUB + "/providers/Microsoft.ContainerService/managedClusters",
                Map.of("api-version", "2025-09-01"),
                Map.of("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/eks/aws4_request, "
                        + "SignedHeaders=host, Signature=abc")), new byte[0]);
        assertTrue(ArmService.create().route(signed).isEmpty());
    }

    @Test
    void everyServedApiNamesItsAuthorizationAction() {
        assertEquals("Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write",
                ArmService.actionOf("arm:TrustedAccessRoleBindings_CreateOrUpdate").orElseThrow());
        assertEquals("Microsoft.Authorization/roleAssignments/write", ArmService.actionOf("arm:RoleAssignments_Create").orElseThrow());
        assertEquals("Microsoft.Storage/storageAccounts/write", ArmService.actionOf("arm:StorageAccounts_Update").orElseThrow());
        assertEquals("Microsoft.MachineLearningServices/workspaces/read", ArmService.actionOf("arm:Workspaces_Get").orElseThrow());
        ArmService.actions().forEach((api, action) -> assertTrue(api.startsWith("arm:") && action.matches("Microsoft\\.\\w+/.+/(read|write|delete)"),
                api + " -> " + action));
    }
}
