package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tracked ARM resource type and how its world-file entry maps to the wire. The world keeps a resource flat
 * ({@code location}, {@code tags}, {@code sku} as a name, then its properties); the wire nests the properties
 * under {@code properties} and the SKU as {@code {name, tier}}. Child collections (such as a cluster's bindings)
 * stay out of the body.
 *
 * @param type          the ARM type, such as {@code Microsoft.ContainerRegistry/registries}
 * @param worldKey      the resource group's map that holds this type in the world file
 * @param operationGroup the swagger operation group, such as {@code Registries}
 * @param getOperation  the swagger name of GET one ({@code Get} or {@code GetProperties})
 * @param listOperation the swagger name of the subscription-wide list
 * @param updatable     whether PATCH is served
 * @param names         the name pattern the RP enforces, or null
 * @param nameRule      the rule the pattern expresses, for the error message
 * @param children      world keys of child collections, not rendered
 */
record ResourceKind(String type, String worldKey, String operationGroup, String getOperation, String listOperation,
                    boolean updatable, Pattern names, String nameRule, Set<String> children) {

    static final ResourceKind MANAGED_CLUSTERS = new ResourceKind("Microsoft.ContainerService/managedClusters",
            "managedClusters", "ManagedClusters", "Get", "List", false,
            Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$"),
            "1-63 letters, digits, '-' or '_', starting and ending with a letter or digit",
            Set.of("trustedAccessRoleBindings"));
    static final ResourceKind REGISTRIES = new ResourceKind("Microsoft.ContainerRegistry/registries",
            "registries", "Registries", "Get", "List", true,
            Pattern.compile("^[a-zA-Z0-9]{5,50}$"), "5-50 letters or digits", Set.of());
    static final ResourceKind STORAGE_ACCOUNTS = new ResourceKind("Microsoft.Storage/storageAccounts",
            "storageAccounts", "StorageAccounts", "GetProperties", "List", true,
            Pattern.compile("^[a-z0-9]{3,24}$"), "3-24 lower-case letters or digits", Set.of());
    static final ResourceKind WORKSPACES = new ResourceKind("Microsoft.MachineLearningServices/workspaces",
            "workspaces", "Workspaces", "Get", "ListBySubscription", false, null, null, Set.of());
    /** Served by {@link KeyVaults}, which checks the api-version and the networkAcls a PATCH sends first. */
    static final ResourceKind VAULTS = new ResourceKind("Microsoft.KeyVault/vaults",
            "vaults", "Vaults", "Get", "ListBySubscription", true,
            Pattern.compile("^[a-zA-Z0-9-]{3,24}$"), "3-24 letters, digits or '-'", Set.of());

    /** The kinds the generic tracked-resource endpoints serve. */
    static final List<ResourceKind> ALL = List.of(MANAGED_CLUSTERS, REGISTRIES, STORAGE_ACCOUNTS, WORKSPACES);
    /** Every kind a world file may hold. */
    static final List<ResourceKind> TRACKED = List.of(MANAGED_CLUSTERS, REGISTRIES, STORAGE_ACCOUNTS, WORKSPACES, VAULTS);

    /** Keys that sit beside {@code properties} on the wire rather than inside it. */
    private static final Set<String> ENVELOPE = Set.of("location", "tags", "sku", "identity", "kind", "zones");
    /** Properties the RP computes: a PATCH never sets them. */
    private static final Set<String> READ_ONLY = Set.of("provisioningState", "loginServer", "creationDate", "creationTime");
    /** World-only fields: how the emulator plays the resource, never on the wire. */
    private static final Set<String> WORLD_ONLY = Set.of("readyAfterMs", "replicatedAfterMs");

    String id(String subscription, String resourceGroup, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + type + "/" + name;
    }

    void checkName(String name) {
        if (names != null && !names.matcher(name).matches()) {
            throw ArmError.invalidParameter("The " + type + " name '" + name + "' is invalid: it must be " + nameRule + ".");
        }
    }

    static String provisioningState(JsonNode entry) {
        return entry.path("provisioningState").asText("Succeeded");
    }

    /**
     * Resources the world says become ready with time ({@code "readyAfterMs"} on a cluster, registry or storage account,
     * counted from the world's start): once that time has passed they are {@code Succeeded}, as a resource that was
     * Creating is when ARM finishes provisioning it. A workspace's new identity ({@code identity.replicatedAfterMs}) is
     * replicated in the directory once its time has passed.
     */
    static void ripen(ObjectNode root, io.trustbaseline.localcloud.World world) {
        for (ArmWorld.Named sub : ArmWorld.entries(root.path("azure").path("subscriptions"))) {
            for (ArmWorld.Named group : ArmWorld.entries(sub.node().path("resourceGroups"))) {
                for (ArmWorld.Named workspace : ArmWorld.entries(group.node().path(WORKSPACES.worldKey()))) {
                    if (workspace.node().path("identity") instanceof ObjectNode identity && identity.has("replicatedAfterMs")
                            && world.elapsed(identity.get("replicatedAfterMs").asLong())) {
                        identity.remove("replicatedAfterMs");
                    }
                }
                for (ResourceKind kind : List.of(MANAGED_CLUSTERS, REGISTRIES, STORAGE_ACCOUNTS)) {
                    for (ArmWorld.Named resource : ArmWorld.entries(group.node().path(kind.worldKey()))) {
                        JsonNode delay = resource.node().get("readyAfterMs");
                        if (delay != null && world.elapsed(delay.asLong())) {
                            resource.node().remove("readyAfterMs");
                            resource.node().put("provisioningState", "Succeeded");
                        }
                    }
                }
            }
        }
    }

    /** The resource in its wire format. */
    ObjectNode render(String subscription, String resourceGroup, String name, ObjectNode entry) {
        ObjectNode out = ArmJson.object();
        out.put("id", id(subscription, resourceGroup, name)).put("name", name).put("type", type);
        ObjectNode properties = ArmJson.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (children.contains(key) || WORLD_ONLY.contains(key)) {
                continue;
            }
            if (key.equals("sku") && this != VAULTS) { // a vault's SKU is a property ({family, name})
                out.set("sku", sku(field.getValue()));
            } else if (key.equals("identity") && field.getValue().isObject()) {
                out.set(key, ((ObjectNode) field.getValue().deepCopy()).without(WORLD_ONLY));
            } else if (ENVELOPE.contains(key) && !key.equals("sku")) {
                out.set(key, field.getValue().deepCopy());
            } else {
                properties.set(key, field.getValue().deepCopy());
            }
        }
        if (!out.has("tags")) {
            out.putObject("tags");
        }
        properties.put("provisioningState", provisioningState(entry));
        if (this == REGISTRIES) {
            properties.put("loginServer", name.toLowerCase(java.util.Locale.ROOT) + ".azurecr.io");
        }
        if (this == VAULTS && !properties.has("vaultUri")) {
            properties.put("vaultUri", "https://" + name.toLowerCase(java.util.Locale.ROOT) + ".vault.azure.net/");
        }
        out.set("properties", properties);
        return out;
    }

    /**
     * Applies a PATCH body to the world entry: tags, sku and identity replace what was there, and each property sent
     * replaces the stored one as a whole (so a {@code networkAcls} or {@code networkRuleSet} is stored exactly as sent).
     */
    static void patch(ObjectNode entry, JsonNode body) {
        if (body.hasNonNull("tags")) {
            entry.set("tags", body.get("tags").deepCopy());
        }
        if (body.path("sku").hasNonNull("name")) {
            entry.put("sku", body.get("sku").get("name").asText());
        }
        if (body.hasNonNull("identity")) {
            entry.set("identity", body.get("identity").deepCopy());
        }
        body.path("properties").fields().forEachRemaining(field -> {
            if (!READ_ONLY.contains(field.getKey()) && !field.getValue().isNull()) {
                entry.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }

    /** The world keeps a SKU name; the wire has {@code {name, tier}} where the tier leads the name (Standard_LRS). */
    private static JsonNode sku(JsonNode stored) {
        if (stored.isObject()) {
            return stored.deepCopy();
        }
        String name = stored.asText();
        int underscore = name.indexOf('_');
        return ArmJson.object().put("name", name).put("tier", underscore < 0 ? name : name.substring(0, underscore));
    }
}
