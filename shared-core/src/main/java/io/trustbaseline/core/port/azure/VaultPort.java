package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

import java.util.Optional;

/** Key vault firewall: GET and PATCH of {@code Microsoft.KeyVault/vaults} {@code networkAcls}. */
public interface VaultPort {

    /** The vault's {@code networkAcls}; empty when the vault has none (no firewall). */
    Optional<VaultNetworkAcls> getNetworkAcls(AzureResourceId vault);

    /** PATCH the whole {@code networkAcls} object: the vault keeps what a PATCH sends, so a partial one drops rules. */
    void updateNetworkAcls(AzureResourceId vault, VaultNetworkAcls acls);
}
