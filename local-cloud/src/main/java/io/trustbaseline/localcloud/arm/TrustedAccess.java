package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * AKS Trusted Access: role bindings of a managed cluster, the roles a location offers, and the operation URLs their
 * long-running PUT and DELETE hand out ({@link LongRunning}): the PUT answers 201/200 with {@code Azure-AsyncOperation}
 * ({@code locations/{loc}/operations/{id}}, as the CreateOrUpdate example's final-state-via says), the DELETE 202 with
 * {@code Location} ({@code locations/{loc}/operationresults/{id}}, as the official Delete example shows), both with
 * {@code Retry-After}. Until the operation ends the binding reads Updating or Deleting.
 */
final class TrustedAccess {
    /** The documented limit: a cluster has at most 8 trusted access role bindings. */
    static final int MAX_BINDINGS = 8;

    private static final String BINDINGS = "trustedAccessRoleBindings";
    private static final String BINDING_TYPE = "Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings";
    private static final Pattern BINDING_NAME = Pattern.compile("^([A-Za-z0-9-])+$");
    private static final String CLUSTER = "/subscriptions/{sub}/resourceGroups/{rg}/providers/"
            + "Microsoft.ContainerService/managedClusters/{cluster}";
    private static final String LOCATION = "/subscriptions/{sub}/providers/Microsoft.ContainerService/locations/{location}";
    private static final String BINDING_ACTION = BINDING_TYPE + "/";

    private TrustedAccess() { }

    static List<ArmEndpoint> endpoints() {
        return List.of(
                ArmEndpoint.of("GET", CLUSTER + "/trustedAccessRoleBindings", "TrustedAccessRoleBindings_List",
                        BINDING_ACTION + "read", TrustedAccess::list),
                ArmEndpoint.of("GET", CLUSTER + "/trustedAccessRoleBindings/{binding}", "TrustedAccessRoleBindings_Get",
                        BINDING_ACTION + "read", TrustedAccess::get),
                ArmEndpoint.of("PUT", CLUSTER + "/trustedAccessRoleBindings/{binding}",
                        "TrustedAccessRoleBindings_CreateOrUpdate", BINDING_ACTION + "write", TrustedAccess::put),
                ArmEndpoint.of("DELETE", CLUSTER + "/trustedAccessRoleBindings/{binding}", "TrustedAccessRoleBindings_Delete",
                        BINDING_ACTION + "delete", TrustedAccess::delete),
                ArmEndpoint.of("GET", LOCATION + "/trustedAccessRoles", "TrustedAccessRoles_List",
                        "Microsoft.ContainerService/locations/trustedAccessRoles/read", TrustedAccess::roles),
                // No swagger operationIds: these are the URLs the PUT and DELETE above hand out.
                ArmEndpoint.of("GET", LOCATION + "/operations/{operation}", "ContainerServiceOperationStatus_Get",
                        "Microsoft.ContainerService/locations/operations/read",
                        call -> call.operations().asyncStatus(call, call.param("operation"))),
                ArmEndpoint.of("GET", LOCATION + "/operationresults/{operation}", "ContainerServiceOperationResults_Get",
                        "Microsoft.ContainerService/locations/operationresults/read",
                        call -> call.operations().result(call, call.param("operation"))));
    }

    private static ArmWorld.Located cluster(ArmCall call) {
        return ArmWorld.resource(call.root(), call.param("sub"), call.param("rg"), ResourceKind.MANAGED_CLUSTERS,
                call.param("cluster"));
    }

    private static LocalResponse list(ArmCall call) {
        ArmWorld.Located cluster = cluster(call);
        return ArmJson.page(ArmWorld.entries(cluster.node().path(BINDINGS)).stream()
                .map(b -> render(cluster, b)).toList());
    }

    private static LocalResponse get(ArmCall call) {
        ArmWorld.Located cluster = cluster(call);
        ArmWorld.Named binding = ArmWorld.find(cluster.node().path(BINDINGS), call.param("binding"));
        if (binding == null) {
            throw ArmError.resourceNotFound(BINDING_TYPE, cluster.name() + "/" + call.param("binding"), cluster.resourceGroup());
        }
        return ArmJson.response(200, render(cluster, binding));
    }

    private static LocalResponse put(ArmCall call) {
        String name = call.param("binding");
        if (name.length() > 24 || !BINDING_NAME.matcher(name).matches()) {
            throw ArmError.invalidParameter("The trusted access role binding name '" + name
                    + "' is invalid: it must be 1-24 characters of letters, digits and '-'.");
        }
        ArmWorld.Located cluster = cluster(call);
        requireSucceeded(cluster);
        JsonNode properties = call.body().path("properties");
        String sourceResourceId = properties.path("sourceResourceId").asText("");
        JsonNode roles = properties.path("roles");
        if (sourceResourceId.isEmpty() || !roles.isArray() || roles.isEmpty()) {
            throw ArmError.invalidParameter("properties.sourceResourceId and a non-empty properties.roles are required.");
        }
        checkSource(call.root(), cluster, sourceResourceId, roles);

        ObjectNode bindings = cluster.node().withObject("/" + BINDINGS);
        ArmWorld.Named existing = ArmWorld.find(bindings, name);
        if (existing == null && bindings.size() >= MAX_BINDINGS) {
            throw ArmError.badRequest("BadRequest", "Managed cluster '" + cluster.name() + "' already has "
                    + bindings.size() + " trusted access role bindings; a cluster can have at most " + MAX_BINDINGS + ".");
        }
        String stored = existing == null ? name : existing.name();
        ObjectNode binding = bindings.putObject(stored);
        binding.put("sourceResourceId", sourceResourceId);
        binding.set("roles", roles.deepCopy());
        binding.put("provisioningState", "Updating");
        String operation = call.operations().start(call, end -> binding.put("provisioningState", end));

        String operationUrl = operationsUrl(call, cluster) + "/operations/" + operation + "?api-version=" + call.apiVersion();
        return LongRunning.withRetryAfter(ArmJson.response(existing == null ? 201 : 200,
                render(cluster, new ArmWorld.Named(stored, binding))), call).withHeader("Azure-AsyncOperation", operationUrl);
    }

    private static LocalResponse delete(ArmCall call) {
        ArmWorld.Located cluster = cluster(call);
        ArmWorld.Named binding = ArmWorld.find(cluster.node().path(BINDINGS), call.param("binding"));
        if (binding == null) {
            return LocalResponse.empty(204);
        }
        requireSucceeded(cluster);
        ObjectNode bindings = (ObjectNode) cluster.node().get(BINDINGS);
        binding.node().put("provisioningState", "Deleting");
        String operation = call.operations().start(call, end -> {
            if (end.equals("Succeeded")) {
                bindings.remove(binding.name());
            } else {
                binding.node().put("provisioningState", end);
            }
        });
        String resultUrl = operationsUrl(call, cluster) + "/operationresults/" + operation + "?api-version=" + call.apiVersion();
        return LongRunning.withRetryAfter(LocalResponse.empty(202), call).withHeader("Location", resultUrl);
    }

    private static LocalResponse roles(ArmCall call) {
        ArmWorld.subscription(call.root(), call.param("sub"));
        return ArmJson.page(offered(call.root(), call.param("location")).stream().map(role -> {
            ObjectNode out = ArmJson.object();
            out.put("sourceResourceType", role.path("sourceResourceType").asText());
            out.put("name", role.path("name").asText());
            out.set("rules", role.has("rules") ? role.get("rules").deepCopy() : ArmJson.object().arrayNode());
            return out;
        }).toList());
    }

    private static String operationsUrl(ArmCall call, ArmWorld.Located cluster) {
        return call.baseUrl() + "/subscriptions/" + cluster.subscription() + "/providers/Microsoft.ContainerService/locations/"
                + location(cluster);
    }

    /** The source must sit in the cluster's subscription and each role must be offered for its type in the location. */
    private static void checkSource(ObjectNode root, ArmWorld.Located cluster, String sourceResourceId, JsonNode roles) {
        String[] segments = sourceResourceId.split("/");
        if (segments.length < 3 || !segments[1].equalsIgnoreCase("subscriptions")) {
            throw ArmError.invalidParameter("properties.sourceResourceId '" + sourceResourceId + "' is not a resource id.");
        }
        if (!segments[2].equalsIgnoreCase(cluster.subscription())) {
            throw ArmError.invalidParameter("The source resource '" + sourceResourceId + "' must be in the subscription '"
                    + cluster.subscription() + "' of managed cluster '" + cluster.name() + "'.");
        }
        String sourceType = resourceType(sourceResourceId);
        String location = location(cluster);
        Set<String> offered = new TreeSet<>();
        for (JsonNode role : offered(root, location)) {
            if (role.path("sourceResourceType").asText().equalsIgnoreCase(sourceType)) {
                offered.add(sourceType + "/" + role.path("name").asText());
            }
        }
        for (JsonNode role : roles) {
            if (offered.stream().noneMatch(o -> o.equalsIgnoreCase(role.asText()))) {
                throw ArmError.invalidParameter("Role '" + role.asText() + "' is not offered for source resource type '"
                        + sourceType + "' in location '" + location + "'; offered roles: " + offered + ".");
            }
        }
    }

    /** The type of a resource id: namespace plus each type segment after the last {@code /providers/}. */
    static String resourceType(String resourceId) {
        int at = resourceId.toLowerCase(Locale.ROOT).lastIndexOf("/providers/");
        if (at < 0) {
            throw ArmError.invalidParameter("'" + resourceId + "' is not the id of a provider resource.");
        }
        String[] parts = resourceId.substring(at + "/providers/".length()).split("/");
        StringBuilder type = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i += 2) {
            type.append('/').append(parts[i]);
        }
        return type.toString();
    }

    private static List<JsonNode> offered(ObjectNode root, String location) {
        JsonNode byLocation = root.path("azure").path("trustedAccessRoles");
        List<JsonNode> out = new ArrayList<>();
        byLocation.fields().forEachRemaining(e -> {
            if (ArmWorld.location(e.getKey()).equals(ArmWorld.location(location)) && e.getValue() instanceof ArrayNode roles) {
                roles.forEach(out::add);
            }
        });
        return out;
    }

    private static void requireSucceeded(ArmWorld.Located cluster) {
        String state = ResourceKind.provisioningState(cluster.node());
        if (!state.equals("Succeeded")) {
            throw ArmError.notReady(ResourceKind.MANAGED_CLUSTERS.type(), cluster.name(), state);
        }
    }

    private static String location(ArmWorld.Located cluster) {
        return ArmWorld.location(cluster.node().path("location").asText());
    }

    private static ObjectNode render(ArmWorld.Located cluster, ArmWorld.Named binding) {
        ObjectNode out = ArmJson.object();
        out.put("id", ResourceKind.MANAGED_CLUSTERS.id(cluster.subscription(), cluster.resourceGroup(), cluster.name())
                + "/trustedAccessRoleBindings/" + binding.name());
        out.put("name", binding.name()).put("type", BINDING_TYPE);
        ObjectNode properties = out.putObject("properties");
        properties.put("provisioningState", binding.node().path("provisioningState").asText("Succeeded"));
        properties.set("sourceResourceId", binding.node().path("sourceResourceId").deepCopy());
        properties.set("roles", binding.node().path("roles").deepCopy());
        return out;
    }
}
