package io.trustbaseline.localcloud.arm;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerregistry.fluent.RegistriesClient;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerregistry.models.NetworkRuleBypassOptions;
import com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.storage.fluent.StorageAccountsClient;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.azure.resourcemanager.storage.models.Bypass;
import com.azure.resourcemanager.storage.models.NetworkRuleSet;
import com.azure.resourcemanager.storage.models.StorageAccountUpdateParameters;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trustbaseline.localcloud.arm.TestWorlds.RG;
import static io.trustbaseline.localcloud.arm.TestWorlds.STORAGE_ID;
import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static io.trustbaseline.localcloud.arm.TestWorlds.WORKSPACE_ID;
import static io.trustbaseline.localcloud.arm.TestWorlds.WORKSPACE_PRINCIPAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistryStorageWorkspaceTest {
    private LocalCloud cloud;
    private LocalArm arm;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(TestWorlds.standard(), List.of(ArmService.create()));
        arm = LocalArm.connect(cloud.endpoint(), SUB);
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private JsonNode stored(String path) {
        return World.parse(cloud.world().dump()).root()
                .at("/azure/subscriptions/" + SUB + "/resourceGroups/" + RG + path);
    }

    @Test
    void registryGetShowsSkuBypassAndState() {
        RegistryInner registry = arm.containerRegistry().serviceClient().getRegistries().getByResourceGroup(RG, "acrprod1");
        assertEquals("Premium", registry.sku().name().toString());
        assertEquals(NetworkRuleBypassOptions.NONE, registry.networkRuleBypassOptions());
        assertEquals("Succeeded", registry.provisioningState().toString());
        assertEquals("acrprod1.azurecr.io", registry.loginServer());
        assertEquals(2, arm.containerRegistry().serviceClient().getRegistries().list().stream().count());
    }

    @Test
    void registryPatchOfBypassShowsInALaterGetAndInTheDump() {
        RegistriesClient registries = arm.containerRegistry().serviceClient().getRegistries();
        RegistryInner patched = registries.update(RG, "acrprod1",
                new RegistryUpdateParameters().withNetworkRuleBypassOptions(NetworkRuleBypassOptions.AZURE_SERVICES));

        assertEquals(NetworkRuleBypassOptions.AZURE_SERVICES, patched.networkRuleBypassOptions());
        assertEquals(NetworkRuleBypassOptions.AZURE_SERVICES,
                registries.getByResourceGroup(RG, "acrprod1").networkRuleBypassOptions());
        JsonNode dumped = stored("/registries/acrprod1");
        assertEquals("AzureServices", dumped.path("networkRuleBypassOptions").asText());
        assertEquals("Premium", dumped.path("sku").asText());
        assertEquals("Disabled", dumped.path("publicNetworkAccess").asText());
        // The PATCH is asynchronous (201 + Azure-AsyncOperation): one status poll, then the SDK's final GET.
        assertEquals(Map.of("arm:Registries_Get", 2, "arm:Registries_Update", 1, "arm:RegistryOperationStatus_Get", 1),
                cloud.calls().byApi());
    }

    @Test
    void registryNamesOutsideThePatternAreRefused() {
        ManagementException refused = assertThrows(ManagementException.class,
                () -> arm.containerRegistry().serviceClient().getRegistries().getByResourceGroup(RG, "acr"));
        assertEquals(400, refused.getResponse().getStatusCode());
        assertEquals("InvalidParameter", refused.getValue().getCode());
    }

    @Test
    void storagePatchAddsAzureServicesAndKeepsTheRules() {
        StorageAccountsClient accounts = arm.storage().serviceClient().getStorageAccounts();
        NetworkRuleSet acls = accounts.getByResourceGroup(RG, "mlstore1").networkRuleSet();
        assertEquals("Logging, Metrics", acls.bypass().toString());

        accounts.update(RG, "mlstore1", new StorageAccountUpdateParameters()
                .withNetworkRuleSet(acls.withBypass(Bypass.fromString("Logging, Metrics, AzureServices"))));

        StorageAccountInner after = accounts.getByResourceGroup(RG, "mlstore1");
        assertEquals("Logging, Metrics, AzureServices", after.networkRuleSet().bypass().toString());
        assertEquals("203.0.113.7", after.networkRuleSet().ipRules().get(0).ipAddressOrRange());
        assertEquals("Deny", after.networkRuleSet().defaultAction().toString());
        assertEquals("Standard_LRS", after.sku().name().toString());
        assertEquals("203.0.113.7", stored("/storageAccounts/mlstore1/networkAcls/ipRules/0/value").asText());
    }

    @Test
    void aStorageAccountStillCreatingRefusesThePatch() {
        cloud.world().locked(root -> root.with("azure").with("subscriptions").with(SUB).with("resourceGroups").with(RG)
                .with("storageAccounts").with("mlstore1").put("provisioningState", "ResolvingDNS"));
        ManagementException refused = assertThrows(ManagementException.class, () -> arm.storage().serviceClient()
                .getStorageAccounts().update(RG, "mlstore1", new StorageAccountUpdateParameters().withTags(Map.of())));
        assertEquals(409, refused.getResponse().getStatusCode());
    }

    @Test
    void workspaceGetByIdShowsHbiStorageAndIdentity() {
        GenericResource workspace = arm.resources().genericResources().getById(WORKSPACE_ID, "2024-04-01");
        Map<?, ?> properties = (Map<?, ?>) workspace.properties();
        assertEquals(true, properties.get("hbiWorkspace"));
        assertEquals(STORAGE_ID, properties.get("storageAccount"));
        assertEquals("Succeeded", properties.get("provisioningState"));
        assertEquals(WORKSPACE_PRINCIPAL, workspace.innerModel().identity().principalId());
        assertEquals("SystemAssigned", workspace.innerModel().identity().type().toString());
    }

    @Test
    void workspacesListBySubscriptionOverThePlainPipeline() throws Exception {
        String url = cloud.endpoint() + "/subscriptions/" + SUB
                + "/providers/Microsoft.MachineLearningServices/workspaces?api-version=2024-04-01";
        try (HttpResponse response = arm.pipeline().sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            assertEquals(200, response.getStatusCode());
            JsonNode value = World.JSON.readTree(response.getBodyAsBinaryData().toString()).path("value");
            assertEquals(1, value.size());
            assertEquals(WORKSPACE_ID, value.get(0).path("id").asText());
        }
    }
}
