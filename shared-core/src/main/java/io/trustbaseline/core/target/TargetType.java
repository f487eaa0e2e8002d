package io.trustbaseline.core.target;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of target trust-baseline manages, each declared once: its cloud, its resource type (the ARM type, or
 * {@code eks-cluster}), the key of its list in a world file, the cloud's rule for its names, and the operation of the
 * write event that announces one (ARM's {@code <type>/write}; EKS's CreateCluster). The event filters, the
 * inventory, the world keys and the baseline's {@code resourceType} values are read from here (the infra template
 * and the JSON Schemas are checked against it by tests).
 */
public enum TargetType {
    AKS_CLUSTER(Cloud.AZURE, AzureResourceTypes.MANAGED_CLUSTERS, "managedClusters",
            new NameRule(Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$"),
                    "1-63 letters, digits, '-' or '_', starting and ending with a letter or digit")),
    ACR_REGISTRY(Cloud.AZURE, AzureResourceTypes.REGISTRIES, "registries",
            new NameRule(Pattern.compile("^[a-zA-Z0-9]{5,50}$"), "5-50 letters or digits")),
    STORAGE_ACCOUNT(Cloud.AZURE, AzureResourceTypes.STORAGE_ACCOUNTS, "storageAccounts",
            new NameRule(Pattern.compile("^[a-z0-9]{3,24}$"), "3-24 lower-case letters or digits")),
    ML_WORKSPACE(Cloud.AZURE, AzureResourceTypes.WORKSPACES, "workspaces",
            new NameRule(Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$"),
                    "3-33 letters, digits, '-' or '_', starting with a letter or digit")),
    KEY_VAULT(Cloud.AZURE, AzureResourceTypes.VAULTS, "vaults",
            new NameRule(Pattern.compile("^[a-zA-Z0-9-]{3,24}$"), "3-24 letters, digits or '-'")),
    EKS_CLUSTER(Cloud.AWS, EksClusterArn.RESOURCE_TYPE, "clusters",
            new NameRule(Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$"),
                    "1-100 letters, digits, '-' or '_', starting with a letter or digit"));

    /** A naming rule: the pattern and the rule in words. */
    public record NameRule(Pattern pattern, String description) {
        public boolean accepts(String name) { return pattern.matcher(name).matches(); }
    }

    private final Cloud cloud;
    private final String resourceType;
    private final String worldKey;
    private final NameRule nameRule;

    TargetType(Cloud cloud, String resourceType, String worldKey, NameRule nameRule) {
        this.cloud = cloud;
        this.resourceType = resourceType;
        this.worldKey = worldKey;
        this.nameRule = nameRule;
    }

    public Cloud cloud() { return cloud; }

    /** {@link Target#resourceType()} of targets of this type. */
    public String resourceType() { return resourceType; }

    /** The key of this type's map in a world file: under a resource group for Azure, under a region for AWS. */
    public String worldKey() { return worldKey; }

    public NameRule nameRule() { return nameRule; }

    /** The operation of the write event that announces a target of this type: ARM's {@code <type>/write}. */
    public String writeOperation() {
        return cloud == Cloud.AZURE ? resourceType + "/write" : "CreateCluster";
    }

    /** The type of {@code resourceType}, compared without case as ARM does; empty for a type not managed. */
    public static Optional<TargetType> of(String resourceType) {
        return Arrays.stream(values()).filter(t -> t.resourceType.equalsIgnoreCase(resourceType)).findFirst();
    }

    /** The managed types of {@code cloud}, in declaration order. */
    public static List<TargetType> of(Cloud cloud) {
        return Arrays.stream(values()).filter(t -> t.cloud == cloud).toList();
    }

    /** Whether {@code resourceType} is this type's. */
    public boolean is(String resourceType) {
        return this.resourceType.equalsIgnoreCase(resourceType);
    }
}
