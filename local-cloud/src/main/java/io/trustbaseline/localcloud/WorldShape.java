package io.trustbaseline.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.arm.TrackedType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The world file's structure (DESIGN.md, "The local cloud and the world file"): maps keyed by name where the format
 * has maps, lists where it has lists. Checked at load, so a misshapen world is named by its path instead of surfacing
 * later as an emulator's HTTP 500. Values inside resources are the emulators' business.
 */
final class WorldShape {
    private final List<String> problems = new ArrayList<>();

    private WorldShape() { }

    static List<String> problems(JsonNode root) {
        WorldShape shape = new WorldShape();
        shape.check(root);
        return shape.problems;
    }

    private void check(JsonNode root) {
        JsonNode azure = optionalObject(root, "azure", "azure");
        if (azure != null) {
            eachObject(azure, "subscriptions", "azure.subscriptions", (sub, at) -> {
                eachObject(sub, "resourceGroups", at + ".resourceGroups", (rg, rgAt) -> {
                    for (TrackedType type : TrackedType.all()) {
                        eachObject(rg, type.worldKey(), rgAt + "." + type.worldKey(), (resource, resourceAt) -> { });
                    }
                });
                arrayOfObjects(sub, "roleAssignments", at + ".roleAssignments");
            });
            eachValue(azure, "trustedAccessRoles", "azure.trustedAccessRoles", (roles, at) -> {
                if (!roles.isArray()) {
                    problems.add(at + " must be a list of roles");
                }
            });
        }
        JsonNode aws = optionalObject(root, "aws", "aws");
        if (aws != null) {
            eachObject(aws, "accounts", "aws.accounts", (account, at) -> {
                JsonNode iam = optionalObject(account, "iam", at + ".iam");
                if (iam != null) {
                    eachObject(iam, "roles", at + ".iam.roles", (role, roleAt) -> { });
                    if (iam.has("policies") && !iam.get("policies").isArray()) {
                        problems.add(at + ".iam.policies must be a list of policy ARNs");
                    }
                }
                eachObject(account, "regions", at + ".regions", (region, regionAt) ->
                        eachObject(region, "clusters", regionAt + ".clusters", (cluster, clusterAt) -> {
                            eachObject(cluster, "addons", clusterAt + ".addons", (addon, addonAt) -> { });
                            arrayOfObjects(cluster, "podIdentityAssociations", clusterAt + ".podIdentityAssociations");
                        }));
            });
        }
        arrayOfObjects(root, "faults", "faults");
        if (root.has("latencyMs") && !root.get("latencyMs").canConvertToLong()) {
            problems.add("latencyMs must be a whole number of milliseconds");
        }
        JsonNode rates = optionalObject(root, "rateLimits", "rateLimits");
        if (rates != null) {
            rates.properties().forEach(e -> {
                if (!java.util.Set.of("eks", "iam", "sts", "arm-read", "arm-write").contains(e.getKey())) {
                    problems.add("rateLimits." + e.getKey() + " is not an API family: use eks, iam, sts, arm-read or arm-write");
                } else if (!e.getValue().isNumber() || e.getValue().asDouble() <= 0) {
                    problems.add("rateLimits." + e.getKey() + " must be a positive number of requests per second");
                }
            });
        }
        JsonNode lro = optionalObject(root, "longRunningOperations", "longRunningOperations");
        if (lro != null && lro.has("end") && !List.of("Succeeded", "Failed", "Canceled").contains(lro.get("end").asText())) {
            problems.add("longRunningOperations.end must be Succeeded, Failed or Canceled");
        }
        if (root.has("permissions") && !List.of("deployment", "unrestricted").contains(root.get("permissions").asText())) {
            problems.add("permissions must be \"deployment\" or \"unrestricted\"");
        }
    }

    private JsonNode optionalObject(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(at + " must be an object");
            return null;
        }
        return node;
    }

    /** {@code field} is a map keyed by name whose values are objects; each is handed to {@code check}. */
    private void eachObject(JsonNode parent, String field, String at, BiConsumer<JsonNode, String> check) {
        eachValue(parent, field, at, (value, valueAt) -> {
            if (value.isObject()) {
                check.accept(value, valueAt);
            } else {
                problems.add(valueAt + " must be an object");
            }
        });
    }

    private void eachValue(JsonNode parent, String field, String at, BiConsumer<JsonNode, String> check) {
        JsonNode map = optionalObject(parent, field, at);
        if (map != null) {
            map.fields().forEachRemaining(e -> check.accept(e.getValue(), at + "." + e.getKey()));
        }
    }

    private void arrayOfObjects(JsonNode parent, String field, String at) {
        JsonNode list = parent.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(at + " must be a list");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                problems.add(at + "[" + i + "] must be an object");
            }
        }
    }
}
