package io.trustbaseline.core.port.azure;

import java.util.List;

/**
 * A key vault's {@code properties.networkAcls} (Key Vault's NetworkRuleSet), complete, so that a PATCH sends back
 * every rule it read. Unlike storage's, Key Vault's {@code bypass} is one value: {@code AzureServices} or {@code None}.
 */
public record VaultNetworkAcls(String defaultAction, String bypass, List<IpRule> ipRules,
                               List<VirtualNetworkRule> virtualNetworkRules) {

    public static final String AZURE_SERVICES = "AzureServices";

    /** An IPv4 address or CIDR range allowed through the firewall. */
    public record IpRule(String value) { }

    /** A subnet allowed through the firewall, by its full resource id. */
    public record VirtualNetworkRule(String id, Boolean ignoreMissingVnetServiceEndpoint) { }

    public VaultNetworkAcls {
        ipRules = ipRules == null ? List.of() : List.copyOf(ipRules);
        virtualNetworkRules = virtualNetworkRules == null ? List.of() : List.copyOf(virtualNetworkRules);
    }

    /** Whether trusted Microsoft services pass the firewall; ARM compares the enum without case. */
    public boolean allowsTrustedServices() {
        return AZURE_SERVICES.equalsIgnoreCase(bypass);
    }

    /** A copy whose bypass is {@code bypass}, with the default action and every rule kept. */
    public VaultNetworkAcls withBypass(String bypass) {
        return new VaultNetworkAcls(defaultAction, bypass, ipRules, virtualNetworkRules);
    }
}
