package io.trustbaseline.localcloud.arm;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.fluent.models.TrustedAccessRoleBindingInner;
import com.azure.resourcemanager.containerservice.fluent.models.TrustedAccessRoleInner;
import io.trustbaseline.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.management.polling.PollResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.World;

import java.util.List;

import static io.trustbaseline.localcloud.arm.TestWorlds.MLWORKLOAD;
import static io.trustbaseline.localcloud.arm.TestWorlds.RG;
import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static io.trustbaseline.localcloud.arm.TestWorlds.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedAccessTest {
    private LocalCloud cloud;
    private ContainerServiceManagementClient aks;

    @BeforeEach
    void start() {
        cloud = LocalCloud.start(TestWorlds.standard(), List.of(ArmService.create()));
        aks = LocalArm.connect(cloud.endpoint(), SUB).containerService().serviceClient();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static TrustedAccessRoleBindingInner binding(String sourceResourceId, String... roles) {
        return new TrustedAccessRoleBindingInner().withSourceResourceId(sourceResourceId).withRoles(List.of(roles));
    }

    @Test
    void getsAClusterWithItsProvisioningStateAndTags() {
        ManagedClusterInner cluster = aks.getManagedClusters().getByResourceGroup(RG, "aks1");
        assertEquals(ResourceKind.MANAGED_CLUSTERS.id(SUB, RG, "aks1"), cluster.id());
        assertEquals("westeurope", cluster.location());
        assertEquals("Succeeded", cluster.provisioningState());
        assertEquals("prod", cluster.tags().get("env"));
        assertEquals("1.31.2", cluster.kubernetesVersion());
    }

    @Test
    void listsClustersBySubscriptionAndByResourceGroupForSweeps() {
        assertEquals(List.of("aks1", "aks-new"),
                aks.getManagedClusters().list().stream().map(ManagedClusterInner::name).toList());
        assertEquals(2, aks.getManagedClusters().listByResourceGroup(RG).stream().count());
    }

    @Test
    void aMissingClusterIsResourceNotFoundAndAMissingGroupResourceGroupNotFound() {
        ManagementException missing = assertThrows(ManagementException.class,
                () -> aks.getManagedClusters().getByResourceGroup(RG, "nope"));
        assertEquals(404, missing.getResponse().getStatusCode());
        assertEquals("ResourceNotFound", missing.getValue().getCode());
        ManagementException group = assertThrows(ManagementException.class,
                () -> aks.getManagedClusters().getByResourceGroup("rg-gone", "aks1"));
        assertEquals("ResourceGroupNotFound", group.getValue().getCode());
    }

    @Test
    void listsTheRolesOfferedInALocation() {
        List<TrustedAccessRoleInner> roles = aks.getTrustedAccessRoles().list("westeurope").stream().toList();
        assertEquals(3, roles.size());
        assertEquals("Microsoft.MachineLearningServices/workspaces", roles.get(0).sourceResourceType());
        assertEquals("mlworkload", roles.get(0).name());
        assertEquals(List.of("pods"), roles.get(1).rules().get(0).resources());
        assertEquals(0, aks.getTrustedAccessRoles().list("eastus").stream().count());
    }

    @Test
    void aBindingPutCreatesItWith201AndTheSdkPollerCompletes() {
        SyncPoller<PollResult<TrustedAccessRoleBindingInner>, TrustedAccessRoleBindingInner> poller = aks
                .getTrustedAccessRoleBindings().beginCreateOrUpdate(RG, "aks1", "aml-central", binding(WORKSPACE_ID, MLWORKLOAD));
        assertEquals(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED, poller.waitForCompletion().getStatus());
        TrustedAccessRoleBindingInner created = poller.getFinalResult();

        assertEquals("aml-central", created.name());
        assertEquals("Succeeded", created.provisioningState().toString());
        assertEquals(List.of(MLWORKLOAD), created.roles());
        assertEquals(List.of(201, 200, 200), statuses());
        assertEquals(1, cloud.calls().byApi().get("arm:ContainerServiceOperationStatus_Get"));
        JsonNode stored = World.parse(cloud.world().dump()).root().at("/azure/subscriptions/" + SUB + "/resourceGroups/" + RG
                + "/managedClusters/aks1/trustedAccessRoleBindings/aml-central");
        assertEquals(WORKSPACE_ID, stored.path("sourceResourceId").asText());
    }

    @Test
    void aSecondPutOfTheSameBindingUpdatesItWith200() {
        aks.getTrustedAccessRoleBindings().createOrUpdate(RG, "aks1", "aml-central", binding(WORKSPACE_ID, MLWORKLOAD));
        cloud.calls().clear();
        TrustedAccessRoleBindingInner updated = aks.getTrustedAccessRoleBindings()
                .createOrUpdate(RG, "aks1", "aml-central", binding(WORKSPACE_ID, MLWORKLOAD, MLWORKLOAD.replace("mlworkload", "reader")));
        assertEquals(2, updated.roles().size());
        assertEquals(200, cloud.calls().calls().get(0).status());
        assertEquals(1, aks.getTrustedAccessRoleBindings().list(RG, "aks1").stream().count());
    }

    @Test
    void aNinthBindingIsRefusedWithTheLimitMessage() {
        for (int i = 1; i <= 8; i++) {
            aks.getTrustedAccessRoleBindings().createOrUpdate(RG, "aks1", "b" + i, binding(WORKSPACE_ID, MLWORKLOAD));
        }
        ManagementException refused = assertThrows(ManagementException.class, () -> aks.getTrustedAccessRoleBindings()
                .createOrUpdate(RG, "aks1", "b9", binding(WORKSPACE_ID, MLWORKLOAD)));
        assertEquals(400, refused.getResponse().getStatusCode());
        assertTrue(refused.getValue().getMessage().contains("at most 8"), refused.getValue().getMessage());
        // Updating one of the eight is still allowed.
        aks.getTrustedAccessRoleBindings().createOrUpdate(RG, "aks1", "b8", binding(WORKSPACE_ID, MLWORKLOAD));
    }

    @Test
    void aRoleNotOfferedForTheSourceTypeIsRefused() {
        ManagementException refused = assertThrows(ManagementException.class, () -> aks.getTrustedAccessRoleBindings()
                .createOrUpdate(RG, "aks1", "aml-central",
                        binding(WORKSPACE_ID, "Microsoft.DataProtection/backupVaults/backup-operator")));
        assertEquals(400, refused.getResponse().getStatusCode());
        assertTrue(refused.getValue().getMessage().contains("is not offered for source resource type "
                + "'Microsoft.MachineLearningServices/workspaces'"), refused.getValue().getMessage());
    }

    @Test
    void aSourceInAnotherSubscriptionIsRefused() {
        String foreign = WORKSPACE_ID.replace(SUB, TestWorlds.OTHER_SUB);
        ManagementException refused = assertThrows(ManagementException.class, () -> aks.getTrustedAccessRoleBindings()
                .createOrUpdate(RG, "aks1", "aml-central", binding(foreign, MLWORKLOAD)));
        assertTrue(refused.getValue().getMessage().contains("must be in the subscription"), refused.getValue().getMessage());
    }

    @Test
    void aBindingNameOutsideThePatternIsRefused() {
        for (String name : List.of("has_underscore", "a234567890123456789012345")) {
            ManagementException refused = assertThrows(ManagementException.class, () -> aks.getTrustedAccessRoleBindings()
                    .createOrUpdate(RG, "aks1", name, binding(WORKSPACE_ID, MLWORKLOAD)));
            assertEquals("InvalidParameter", refused.getValue().getCode());
        }
    }

    @Test
    void aClusterStillCreatingRefusesWritesWith409() {
        ManagementException refused = assertThrows(ManagementException.class, () -> aks.getTrustedAccessRoleBindings()
                .createOrUpdate(RG, "aks-new", "aml-central", binding(WORKSPACE_ID, MLWORKLOAD)));
        assertEquals(409, refused.getResponse().getStatusCode());
        assertTrue(refused.getValue().getMessage().contains("Creating"));
    }

    @Test
    void deleteAnswers202ThenThePollCompletesAndDeletingAgainIs204() {
        aks.getTrustedAccessRoleBindings().createOrUpdate(RG, "aks1", "aml-central", binding(WORKSPACE_ID, MLWORKLOAD));
        cloud.calls().clear();
        aks.getTrustedAccessRoleBindings().delete(RG, "aks1", "aml-central");
        assertEquals(List.of(202, 204), statuses());
        assertEquals(0, aks.getTrustedAccessRoleBindings().list(RG, "aks1").stream().count());
        cloud.calls().clear();
        aks.getTrustedAccessRoleBindings().delete(RG, "aks1", "aml-central");
        assertEquals(List.of(204), statuses());
        ManagementException gone = assertThrows(ManagementException.class,
                () -> aks.getTrustedAccessRoleBindings().get(RG, "aks1", "aml-central"));
        assertEquals(404, gone.getResponse().getStatusCode());
    }

    private List<Integer> statuses() {
        return cloud.calls().calls().stream().map(c -> c.status()).toList();
    }
}
