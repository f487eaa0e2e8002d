package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

/** Storage account firewall: GET and PATCH of {@code Microsoft.Storage/storageAccounts} {@code networkAcls}. */
public interface StoragePort {

    StorageNetworkAcls getNetworkAcls(AzureResourceId account);

    /**
     * PATCH the whole {@code networkAcls} object: ARM requires defaultAction, and a partial object drops rules. The
     * firewall as the update left it.
     */
    StorageNetworkAcls updateNetworkAcls(AzureResourceId account, StorageNetworkAcls acls);
}
