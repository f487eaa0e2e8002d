package io.trustbaseline.localcloud.arm;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.containerregistry.models.NetworkRuleBypassOptions;
import com.azure.resourcemanager.containerregistry.models.RegistryUpdateParameters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.ManualClock;
import io.trustbaseline.localcloud.World;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.trustbaseline.localcloud.arm.TestWorlds.BLOB_DATA_CONTRIBUTOR;
import static io.trustbaseline.localcloud.arm.TestWorlds.RG;
import static io.trustbaseline.localcloud.arm.TestWorlds.STORAGE_ID;
import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static io.trustbaseline.localcloud.arm.TestWorlds.WORKSPACE_PRINCIPAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time on the Azure side: a resource seeded Creating with readyAfterMs refuses writes until that time has passed on the
 * world's clock, then is Succeeded; a workspace identity not yet replicated (identity.replicatedAfterMs) cannot be
 * granted a role without principalType (400 PrincipalNotFound), but can with it, as ARM documents.
 */
class ReadinessTest {

    private static World world(ManualClock clock) {
        World world = TestWorlds.standard();
        world.useClock(clock);
        world.locked(root -> {
            ObjectNode group = root.with("azure").with("subscriptions").with(SUB).with("resourceGroups").with(RG);
            group.with("registries").with("acrprod1").put("provisioningState", "Creating").put("readyAfterMs", 120_000);
            return group.with("workspaces").with("ws1").with("identity").put("replicatedAfterMs", 60_000);
        });
        return world;
    }

    @Test
    void aRegistryIsCreatingUntilItsReadyAfterMsThenSucceeded() {
        ManualClock clock = new ManualClock();
        try (LocalCloud cloud = LocalCloud.start(world(clock), List.of(ArmService.create()))) {
            var registries = LocalArm.connect(cloud.endpoint(), SUB).containerRegistry().serviceClient().getRegistries();
            assertEquals("Creating", registries.getByResourceGroup(RG, "acrprod1").provisioningState().toString());
            RegistryUpdateParameters bypass = new RegistryUpdateParameters().withNetworkRuleBypassOptions(NetworkRuleBypassOptions.AZURE_SERVICES);
            ManagementException e = assertThrows(ManagementException.class, () -> registries.update(RG, "acrprod1", bypass));
            assertEquals(409, e.getResponse().getStatusCode());

            clock.advance(Duration.ofMinutes(2));
            assertEquals("Succeeded", registries.getByResourceGroup(RG, "acrprod1").provisioningState().toString());
            assertTrue(World.parse(cloud.world().dump()).root().toString().contains("\"acrprod1\""));
        }
    }

    @Test
    void aNewIdentityIsPrincipalNotFoundWithoutPrincipalTypeUntilReplicated() {
        ManualClock clock = new ManualClock();
        try (LocalCloud cloud = LocalCloud.start(world(clock), List.of(ArmService.create()))) {
            var assignments = LocalArm.connect(cloud.endpoint(), SUB).authorization().roleServiceClient().getRoleAssignments();
            RoleAssignmentCreateParameters untyped = new RoleAssignmentCreateParameters()
                    .withRoleDefinitionId("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/" + BLOB_DATA_CONTRIBUTOR)
                    .withPrincipalId(WORKSPACE_PRINCIPAL);
            ManagementException e = assertThrows(ManagementException.class,
                    () -> assignments.create(STORAGE_ID, "6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0003", untyped));
            assertEquals(400, e.getResponse().getStatusCode());
            assertEquals("PrincipalNotFound", e.getValue().getCode());
            assertTrue(e.getValue().getMessage().contains("set the role assignment principalType"), e.getValue().getMessage());

            untyped.withPrincipalType(PrincipalType.SERVICE_PRINCIPAL);
            assertEquals(WORKSPACE_PRINCIPAL, assignments.create(STORAGE_ID, "6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0003", untyped).principalId());
        }
    }
}
