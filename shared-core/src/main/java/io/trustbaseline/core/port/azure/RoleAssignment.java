package io.trustbaseline.core.port.azure;

/** A role assignment: {@code roleDefinitionId} is the role's GUID (not the full id); {@code name} is a GUID. */
public record RoleAssignment(String name, String scope, String roleDefinitionId, String principalId) {
}
