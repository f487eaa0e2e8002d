package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

/** Key vault firewall: GET and PATCH of {@code Microsoft.KeyVault/vaults} {@code networkAcls}. */
public interface VaultPort {

    /** The vault's firewall. */
    VaultFirewall getFirewall(AzureResourceId vault);

    /**
     * PATCH the whole {@code networkAcls} object (the vault keeps what a PATCH sends, so a partial one drops rules);
     * the firewall as the vault's answer holds it.
     */
    VaultFirewall updateNetworkAcls(AzureResourceId vault, VaultNetworkAcls acls);
}
