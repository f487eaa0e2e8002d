package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

/** Azure Container Registry: GET and PATCH of {@code Microsoft.ContainerRegistry/registries}. */
public interface RegistryPort {

    RegistryNetwork get(AzureResourceId registry);

    /** PATCH {@code properties.networkRuleBypassOptions}. */
    void setNetworkRuleBypass(AzureResourceId registry, String bypassOptions);
}
