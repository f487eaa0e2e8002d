package io.trustbaseline.core.port.azure;

import io.trustbaseline.core.target.AzureResourceId;

/** Azure Container Registry: GET and PATCH of {@code Microsoft.ContainerRegistry/registries}. */
public interface RegistryPort {

    RegistryNetwork get(AzureResourceId registry);

    /** PATCH {@code properties.networkRuleBypassOptions}: the registry as the update left it. */
    RegistryNetwork setNetworkRuleBypass(AzureResourceId registry, String bypassOptions);
}
