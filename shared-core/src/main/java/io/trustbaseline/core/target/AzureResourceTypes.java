package io.trustbaseline.core.target;

/**
 * The ARM types of the Azure {@link TargetType}s, as compile-time constants (for {@code switch} and the settings'
 * declarations); everything else about each type is declared in {@link TargetType}.
 */
public final class AzureResourceTypes {
    public static final String MANAGED_CLUSTERS = "Microsoft.ContainerService/managedClusters";
    public static final String REGISTRIES = "Microsoft.ContainerRegistry/registries";
    public static final String STORAGE_ACCOUNTS = "Microsoft.Storage/storageAccounts";
    public static final String WORKSPACES = "Microsoft.MachineLearningServices/workspaces";
    public static final String VAULTS = "Microsoft.KeyVault/vaults";

    private AzureResourceTypes() { }
}
