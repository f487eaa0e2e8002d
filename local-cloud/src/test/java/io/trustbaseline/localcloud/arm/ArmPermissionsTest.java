package io.trustbaseline.localcloud.arm;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.LocalCloud;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.localcloud.arm.TestWorlds.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment's custom role (infra/azure/permissions.json) is what the local ARM enforces, and a refusal reads as
 * ARM's: 403 AuthorizationFailed naming the action and the scope.
 */
class ArmPermissionsTest {
    static final String WORKSPACE_PRINCIPAL = "6f1c2a4e-3b7d-4c9a-9e51-2d8f0a7b3c41";

    @Test
    void theAzureRoleGrantsItsActionsAndLetsRoleAssignmentWritesGrantOnlyTheTwoStorageRoles() {
        AzureRole role = AzureRole.deployment();
        String scope = "/subscriptions/" + SUB;
        assertTrue(role.allows(Access.of("microsoft.containerservice/managedClusters/read", scope)), "actions ignore case");
        assertFalse(role.allows(Access.of("Microsoft.ContainerService/managedClusters/write", scope)));
        Access write = Access.of("Microsoft.Authorization/roleAssignments/write", scope);
        assertTrue(role.allows(write.with("Microsoft.Authorization/roleAssignments:RoleDefinitionId",
                List.of("BA92F5B4-2D11-453D-A403-E96B0029C9FE"))));
        assertFalse(role.allows(write.with("Microsoft.Authorization/roleAssignments:RoleDefinitionId",
                List.of("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))), "Owner is not assignable");
        assertFalse(role.allows(write), "no role named, the condition does not hold");
    }

    @Test
    void armAnswersAnUngrantedActionWith403AuthorizationFailedNamingActionAndScope() {
        AzureRole withoutRead = AzureRole.deployment().without("Microsoft.ContainerRegistry/registries/read");
        try (LocalCloud cloud = LocalCloud.start(TestWorlds.standard(), List.of(ArmService.create(withoutRead)))) {
            var registries = LocalArm.connect(cloud.endpoint(), SUB).containerRegistry().serviceClient().getRegistries();
            ManagementException e = assertThrows(ManagementException.class,
                    () -> registries.getByResourceGroup(TestWorlds.RG, "acrprod1"));
            assertEquals(403, e.getResponse().getStatusCode());
            assertEquals("AuthorizationFailed", e.getValue().getCode());
            assertTrue(e.getValue().getMessage().contains("does not have authorization to perform action "
                    + "'Microsoft.ContainerRegistry/registries/read' over scope '/subscriptions/" + SUB + "/resourceGroups/"
                    + TestWorlds.RG + "/providers/Microsoft.ContainerRegistry/registries/acrprod1'"), e.getValue().getMessage());
        }
    }

    @Test
    void armRefusesARoleAssignmentOfAnotherRoleAsAnUnfulfilledAbacCondition() {
        try (LocalCloud cloud = LocalCloud.start(TestWorlds.standard(), List.of(ArmService.create()))) {
            var assignments = LocalArm.connect(cloud.endpoint(), SUB).authorization().roleServiceClient().getRoleAssignments();
            RoleAssignmentCreateParameters owner = new RoleAssignmentCreateParameters()
                    .withRoleDefinitionId("/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions/"
                            + "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
                    .withPrincipalId(WORKSPACE_PRINCIPAL).withPrincipalType(PrincipalType.SERVICE_PRINCIPAL);
            ManagementException e = assertThrows(ManagementException.class, () -> assignments.create(
                    TestWorlds.STORAGE_ID, "6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0009", owner));
            assertEquals(403, e.getResponse().getStatusCode());
            assertTrue(e.getValue().getMessage().contains("an ABAC condition not fulfilled to perform action "
                    + "'Microsoft.Authorization/roleAssignments/write'"), e.getValue().getMessage());
            assertEquals(List.of(403), cloud.calls().calls().stream().map(CallLog.Call::status).toList());
        }
    }
}
