package io.trustbaseline.core.target;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed Azure Resource Manager id of a resource in a resource group, such as
 * {@code /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>}.
 * ARM ids are case-insensitive: {@link #isType} compares types that way.
 */
public record AzureResourceId(String subscriptionId, String resourceGroup, String providerNamespace,
                              String type, String name) implements Target {

    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w._()]{1,90}$");
    private static final Pattern NAMESPACE = Pattern.compile("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+$");
    /** A type segment: letters and digits, as every ARM resource type is spelled. */
    private static final Pattern TYPE = Pattern.compile("^[A-Za-z][A-Za-z0-9]{0,63}$");
    /**
     * A resource name of a type without a naming rule of its own: 1-260 characters, none of those ARM refuses in any
     * resource name ({@code < > % & : \ ? / #}, '*', control characters) and not ending with '.' or a space
     * ("Naming rules and restrictions for Azure resources", learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
     * Percent-escapes such as {@code %2F} are refused: an id is compared as written, never decoded. Control
     * characters are those of Unicode (C0 and C1, such as U+0085 NEXT LINE) and its line and paragraph separators
     * (U+2028, U+2029), not only ASCII's: each breaks a log line or a header as '\n' does.
     */
    private static final Pattern NAME = Pattern.compile(
            "^[^<>%&:\\\\?/#*\\p{Cc}\\p{Zl}\\p{Zp}]{0,259}[^<>%&:\\\\?/#*\\p{Cc}\\p{Zl}\\p{Zp}. ]$");

    /** Parses an id, or says which rule it breaks. */
    public static Optional<AzureResourceId> tryParse(String text, StringBuilder why) {
        String[] s = text == null ? new String[0] : text.split("/", -1);
        // "", subscriptions, {sub}, resourceGroups, {rg}, providers, {ns}, {type}, {name}
        if (s.length != 9 || !s[0].isEmpty() || !s[1].equalsIgnoreCase("subscriptions")
                || !s[3].equalsIgnoreCase("resourceGroups") || !s[5].equalsIgnoreCase("providers")) {
            why.append("must look like /subscriptions/<id>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>");
            return Optional.empty();
        }
        if (!GUID.matcher(s[2]).matches()) {
            why.append("the subscription id must be a GUID");
        } else if (!RESOURCE_GROUP.matcher(s[4]).matches() || s[4].endsWith(".")) {
            why.append("the resource group must be 1-90 letters, digits, '-', '_', '.', '(' or ')' and not end with '.'");
        } else if (!NAMESPACE.matcher(s[6]).matches()) {
            why.append("the provider namespace must look like Microsoft.ContainerService");
        } else if (!TYPE.matcher(s[7]).matches()) {
            why.append("the resource type must be 1-64 letters or digits, such as managedClusters");
        } else if (!NAME.matcher(s[8]).matches()) {
            why.append("the resource name must be 1-260 characters without < > % & : \\ ? / # * or control"
                    + " characters, not ending with '.' or a space");
        } else {
            return Optional.of(new AzureResourceId(s[2], s[4], s[6], s[7], s[8]));
        }
        return Optional.empty();
    }

    public static AzureResourceId parse(String text) {
        StringBuilder why = new StringBuilder();
        return tryParse(text, why).orElseThrow(() -> new IllegalArgumentException("not an Azure resource id (" + why + "): " + text));
    }

    public static AzureResourceId of(String subscriptionId, String resourceGroup, String resourceType, String name) {
        int slash = resourceType.indexOf('/');
        return new AzureResourceId(subscriptionId, resourceGroup, resourceType.substring(0, slash),
                resourceType.substring(slash + 1), name);
    }

    @Override
    public Cloud cloud() { return Cloud.AZURE; }

    @Override
    public String id() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/"
                + providerNamespace + "/" + type + "/" + name;
    }

    @Override
    public String resourceType() { return providerNamespace + "/" + type; }

    @Override
    public String scope() { return subscriptionId; }

    @Override
    public String group() { return resourceGroup; }

    public boolean isType(String armType) { return resourceType().equalsIgnoreCase(armType); }

    @Override
    public String toString() { return id(); }
}
