package io.trustbaseline.core.port.azure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A storage account's {@code networkAcls}, complete, so that a PATCH sends back every rule it read.
 * {@code bypass} is ARM's comma-separated string: {@code "Logging, Metrics"}, {@code "AzureServices"} or {@code "None"}.
 */
public record StorageNetworkAcls(String defaultAction, String bypass, List<IpRule> ipRules,
                                 List<VirtualNetworkRule> virtualNetworkRules,
                                 List<ResourceAccessRule> resourceAccessRules) {

    public static final String AZURE_SERVICES = "AzureServices";

    public record IpRule(String ipAddressOrRange, String action) { }

    public record VirtualNetworkRule(String virtualNetworkResourceId, String action, String state) { }

    public record ResourceAccessRule(String tenantId, String resourceId) { }

    public StorageNetworkAcls {
        ipRules = ipRules == null ? List.of() : List.copyOf(ipRules);
        virtualNetworkRules = virtualNetworkRules == null ? List.of() : List.copyOf(virtualNetworkRules);
        resourceAccessRules = resourceAccessRules == null ? List.of() : List.copyOf(resourceAccessRules);
    }

    /** The bypass flags, without {@code None}. */
    public Set<String> bypassFlags() {
        if (bypass == null || bypass.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(bypass.split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty() && !f.equalsIgnoreCase("None"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean bypasses(String flag) {
        return bypassFlags().stream().anyMatch(f -> f.equalsIgnoreCase(flag));
    }

    /** A copy whose bypass also holds {@code flag}, keeping the other flags in their order and every rule. */
    public StorageNetworkAcls withBypassAdded(String flag) {
        List<String> flags = new ArrayList<>(bypassFlags());
        if (!bypasses(flag)) {
            flags.add(flag);
        }
        return new StorageNetworkAcls(defaultAction, String.join(", ", flags), ipRules, virtualNetworkRules,
                resourceAccessRules);
    }
}
