package io.trustbaseline.core.port.azure;

import java.util.List;

/** Azure RBAC: {@code Microsoft.Authorization/roleAssignments} at a resource scope. */
public interface RoleAssignmentPort {

    /** The assignments at exactly {@code scope} held by {@code principalId}. */
    List<RoleAssignment> list(String scope, String principalId);

    /** PUT the assignment under its (deterministic) name. */
    void create(RoleAssignment assignment);
}
