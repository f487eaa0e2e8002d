package io.trustbaseline.azure.arm;

import com.azure.resourcemanager.authorization.fluent.models.RoleAssignmentInner;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import io.trustbaseline.core.port.azure.RoleAssignment;
import io.trustbaseline.core.port.azure.RoleAssignmentPort;
import io.trustbaseline.core.target.AzureResourceId;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Azure RBAC role assignments at a resource scope (a workspace's storage account). */
public final class ArmRoleAssignments implements RoleAssignmentPort {
    private final ArmConnection arm;

    public ArmRoleAssignments(ArmConnection arm) {
        this.arm = arm;
    }

    /** ARM lists the principal's assignments above and below the scope too: only those exactly at it count here. */
    @Override
    public List<RoleAssignment> list(String scope, String principalId) {
        // The SDK declares $filter as already encoded: unencoded spaces make the JDK client refuse the URL.
        String filter = URLEncoder.encode("principalId eq '" + principalId + "'", StandardCharsets.UTF_8).replace("+", "%20");
        return ArmErrors.call(() -> arm.roleAssignments(subscriptionOf(scope))
                .listForScope(scope, filter, null, null, arm.metered()).stream()
                .filter(a -> scope.equalsIgnoreCase(a.scope()))
                .map(ArmRoleAssignments::assignment).toList());
    }

    @Override
    public void create(RoleAssignment assignment) {
        String subscription = subscriptionOf(assignment.scope());
        RoleAssignmentCreateParameters body = new RoleAssignmentCreateParameters()
                .withRoleDefinitionId("/subscriptions/" + subscription
                        + "/providers/Microsoft.Authorization/roleDefinitions/" + assignment.roleDefinitionId())
                .withPrincipalId(assignment.principalId())
                // A workspace identity: naming its type spares ARM a directory lookup that fails for new identities.
                .withPrincipalType(PrincipalType.SERVICE_PRINCIPAL);
        ArmErrors.run(() -> arm.roleAssignments(subscription).createWithResponse(assignment.scope(), assignment.name(), body, arm.metered()));
    }

    private static RoleAssignment assignment(RoleAssignmentInner inner) {
        String role = inner.roleDefinitionId();
        return new RoleAssignment(inner.name(), inner.scope(), role.substring(role.lastIndexOf('/') + 1), inner.principalId());
    }

    private static String subscriptionOf(String scope) {
        return AzureResourceId.parse(scope).subscriptionId();
    }
}
