package io.trustbaseline.core.target;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Azure resource types trust-baseline manages, with each type's own naming rule. */
public final class AzureResourceTypes {
    public static final String MANAGED_CLUSTERS = "Microsoft.ContainerService/managedClusters";
    public static final String REGISTRIES = "Microsoft.ContainerRegistry/registries";
    public static final String STORAGE_ACCOUNTS = "Microsoft.Storage/storageAccounts";
    public static final String WORKSPACES = "Microsoft.MachineLearningServices/workspaces";

    /** A naming rule: the pattern and the rule in words. */
    public record NameRule(Pattern pattern, String description) {
        public boolean accepts(String name) { return pattern.matcher(name).matches(); }
    }

    private static final Map<String, NameRule> NAME_RULES = Map.of(
            MANAGED_CLUSTERS.toLowerCase(), new NameRule(
                    Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$"),
                    "1-63 letters, digits, '-' or '_', starting and ending with a letter or digit"),
            REGISTRIES.toLowerCase(), new NameRule(Pattern.compile("^[a-zA-Z0-9]{5,50}$"), "5-50 letters or digits"),
            STORAGE_ACCOUNTS.toLowerCase(), new NameRule(Pattern.compile("^[a-z0-9]{3,24}$"),
                    "3-24 lower-case letters or digits"),
            WORKSPACES.toLowerCase(), new NameRule(Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$"),
                    "3-33 letters, digits, '-' or '_', starting with a letter or digit"));

    private AzureResourceTypes() { }

    /** The naming rule of a managed type, or empty for a type trust-baseline does not manage. */
    public static Optional<NameRule> nameRule(String resourceType) {
        return Optional.ofNullable(NAME_RULES.get(resourceType.toLowerCase()));
    }
}
