package io.trustbaseline.core.port;

import io.trustbaseline.core.port.azure.RegistryPort;
import io.trustbaseline.core.port.azure.RoleAssignmentPort;
import io.trustbaseline.core.port.azure.StoragePort;
import io.trustbaseline.core.port.azure.TrustedAccessPort;
import io.trustbaseline.core.port.azure.VaultPort;
import io.trustbaseline.core.port.azure.WorkspacePort;

import java.util.Objects;

/** Every port the Azure settings use: a function serving Azure offers all of them, or it does not compile. */
public record AzurePorts(TrustedAccessPort trustedAccess, RegistryPort registries, StoragePort storage,
                         WorkspacePort workspaces, RoleAssignmentPort roleAssignments, VaultPort vaults) {
    public AzurePorts {
        Objects.requireNonNull(trustedAccess, "trustedAccess");
        Objects.requireNonNull(registries, "registries");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(workspaces, "workspaces");
        Objects.requireNonNull(roleAssignments, "roleAssignments");
        Objects.requireNonNull(vaults, "vaults");
    }
}
