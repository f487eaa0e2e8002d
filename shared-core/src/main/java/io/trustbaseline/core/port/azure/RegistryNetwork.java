package io.trustbaseline.core.port.azure;

/** What the acr-trusted-services setting reads of a registry. */
public record RegistryNetwork(String sku, String publicNetworkAccess, String networkRuleBypassOptions) {
    public static final String AZURE_SERVICES = "AzureServices";
}
