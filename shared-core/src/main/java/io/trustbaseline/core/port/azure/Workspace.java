package io.trustbaseline.core.port.azure;

/** What workspace-storage-roles reads of an Azure ML workspace. {@code principalId} is null without a system identity. */
public record Workspace(boolean hbiWorkspace, String storageAccountId, String identityType, String principalId) {
    public boolean hasSystemAssignedIdentity() {
        return principalId != null && identityType != null && identityType.contains("SystemAssigned");
    }
}
