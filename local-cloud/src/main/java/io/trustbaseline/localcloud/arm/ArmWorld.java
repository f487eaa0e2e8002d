package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds Azure things in the world-file tree ({@code azure.subscriptions.<sub>.resourceGroups.<rg>.<type>.<name>}),
 * matching names case-insensitively as ARM does, and raising the ARM 404 a missing level gives.
 */
final class ArmWorld {
    private ArmWorld() { }

    /** A world entry with the name it is stored under (its canonical casing). */
    record Named(String name, ObjectNode node) { }

    /** A tracked resource with where it lives. */
    record Located(String subscription, String resourceGroup, String name, ObjectNode node) { }

    static Named subscription(ObjectNode root, String subscription) {
        Named found = find(root.path("azure").path("subscriptions"), subscription);
        if (found == null) {
            throw ArmError.subscriptionNotFound(subscription);
        }
        return found;
    }

    static Named resourceGroup(ObjectNode root, String subscription, String resourceGroup) {
        Named found = find(subscription(root, subscription).node().path("resourceGroups"), resourceGroup);
        if (found == null) {
            throw ArmError.resourceGroupNotFound(resourceGroup);
        }
        return found;
    }

    static Located resource(ObjectNode root, String subscription, String resourceGroup, ResourceKind kind, String name) {
        Named sub = subscription(root, subscription);
        Named group = resourceGroup(root, sub.name(), resourceGroup);
        Named found = find(group.node().path(kind.worldKey()), name);
        if (found == null) {
            throw ArmError.resourceNotFound(kind.type(), name, group.name());
        }
        return new Located(sub.name(), group.name(), found.name(), found.node());
    }

    /** Every resource of a kind in a subscription, or in one of its resource groups when {@code resourceGroup} is set. */
    static List<Located> list(ObjectNode root, String subscription, String resourceGroup, ResourceKind kind) {
        Named sub = subscription(root, subscription);
        List<Named> groups = resourceGroup == null
                ? entries(sub.node().path("resourceGroups"))
                : List.of(resourceGroup(root, sub.name(), resourceGroup));
        List<Located> out = new ArrayList<>();
        for (Named group : groups) {
            for (Named resource : entries(group.node().path(kind.worldKey()))) {
                out.add(new Located(sub.name(), group.name(), resource.name(), resource.node()));
            }
        }
        return out;
    }

    /** The entry of a JSON map whose key equals {@code name} ignoring case, or null. */
    static Named find(JsonNode map, String name) {
        if (map.get(name) instanceof ObjectNode exact) {
            return new Named(name, exact);
        }
        return entries(map).stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    static List<Named> entries(JsonNode map) {
        List<Named> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof ObjectNode node) {
                out.add(new Named(e.getKey(), node));
            }
        }
        return out;
    }

    /** ARM location names ignore case and spaces: "West Europe" is "westeurope". */
    static String location(String location) {
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
