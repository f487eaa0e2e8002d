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

import java.util.List;

import static io.trustbaseline.localcloud.arm.TestWorlds.MLWORKLOAD;
import static io.trustbaseline.localcloud.arm.TestWorlds.RG;
import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static io.trustbaseline.localcloud.arm.TestWorlds.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
