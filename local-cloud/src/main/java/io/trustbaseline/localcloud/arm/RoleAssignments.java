package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft.Authorization role assignments at any scope. The world keeps them per subscription as
 * {@code {name, scope, roleDefinitionId: <guid>, principalId, principalType}}; the wire carries the full
 * role-definition id. A seeded assignment without a name gets a stable one derived from its scope, role and principal.
 */
final class RoleAssignments {
    private static final String TYPE = "Microsoft.Authorization/roleAssignments";
    /** The directory named in PrincipalNotFound when the world gives no {@code azure.tenantId}. */
    private static final String DEFAULT_TENANT = "00000000-0000-0000-0000-0000000000aa";
    private static final String COLLECTION = "{*scope}/providers/Microsoft.Authorization/roleAssignments";
    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern PRINCIPAL = Pattern.compile("(?i)^(?:principalId\\s+eq|assignedTo\\()\\s*'([^']*)'\\)?$");

    private RoleAssignments() { }

    static List<ArmEndpoint> endpoints() {
        return List.of(
                ArmEndpoint.of("GET", COLLECTION, "RoleAssignments_ListForScope", TYPE + "/read", RoleAssignments::list),
                ArmEndpoint.of("GET", COLLECTION + "/{name}", "RoleAssignments_Get", TYPE + "/read", RoleAssignments::get),
                ArmEndpoint.of("PUT", COLLECTION + "/{name}", "RoleAssignments_Create", TYPE + "/write", RoleAssignments::create),
                ArmEndpoint.of("DELETE", COLLECTION + "/{name}", "RoleAssignments_Delete", TYPE + "/delete",
                        RoleAssignments::delete));
    }

    /** One stored assignment with its subscription, as read from the world. */
    private record Assignment(String subscription, ObjectNode node) {
        String scope() { return node.path("scope").asText(); }
        String role() { return node.path("roleDefinitionId").asText(); }
        String principal() { return node.path("principalId").asText(); }

        String name() {
            return node.hasNonNull("name") ? node.get("name").asText() : UUID.nameUUIDFromBytes(
                    (lower(scope()) + "|" + lower(role()) + "|" + lower(principal())).getBytes(StandardCharsets.UTF_8)).toString();
        }

        boolean sameTriple(String scope, String role, String principal) {
            return scope().equalsIgnoreCase(scope) && role().equalsIgnoreCase(role) && principal().equalsIgnoreCase(principal);
        }

        ObjectNode render() {
            ObjectNode out = ArmJson.object();
            out.put("id", scope() + "/providers/" + TYPE + "/" + name()).put("name", name()).put("type", TYPE);
            out.putObject("properties")
                    .put("roleDefinitionId", "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + role())
                    .put("principalId", principal())
                    .put("principalType", node.path("principalType").asText("ServicePrincipal"))
                    .put("scope", scope());
            return out;
        }
    }

    private static LocalResponse list(ArmCall call) {
        String scope = scope(call);
        String filter = call.request().query().getOrDefault("$filter", "");
        boolean atScope = false;
        String principal = null;
        for (String clause : filter.isBlank() ? new String[0] : filter.trim().split("(?i)\\s+and\\s+")) {
            Matcher m = PRINCIPAL.matcher(clause.trim());
            if (clause.trim().equalsIgnoreCase("atScope()")) {
                atScope = true;
            } else if (m.matches()) {
                principal = m.group(1);
            } else {
                throw ArmError.badRequest("InvalidFilter", "The filter '" + filter + "' is not supported: use atScope(), "
                        + "principalId eq '{id}' or assignedTo('{id}').");
            }
        }
        Predicate<Assignment> inScope = atScope ? a -> covers(a.scope(), scope)
                : a -> covers(a.scope(), scope) || covers(scope, a.scope());
        String wantedPrincipal = principal;
        return ArmJson.page(assignments(call.root(), subscriptionOf(scope)).stream()
                .filter(inScope)
                .filter(a -> wantedPrincipal == null || a.principal().equalsIgnoreCase(wantedPrincipal))
                .map(Assignment::render).toList());
    }

    private static LocalResponse get(ArmCall call) {
        String scope = scope(call);
        return ArmJson.response(200, named(call.root(), scope, call.param("name"))
                .orElseThrow(() -> notFound(call.param("name"))).render());
    }

    private static LocalResponse delete(ArmCall call) {
        String scope = scope(call);
        java.util.Optional<Assignment> found = named(call.root(), scope, call.param("name"));
        if (found.isEmpty()) {
            return LocalResponse.empty(204);
        }
        ArrayNode stored = stored(call.root(), subscriptionOf(scope));
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i) == found.get().node()) {
                stored.remove(i);
                break;
            }
        }
        return ArmJson.response(200, found.get().render());
    }

    private static LocalResponse create(ArmCall call) {
        String scope = scope(call);
        String name = call.param("name");
        if (!GUID.matcher(name).matches()) {
            throw ArmError.badRequest("InvalidRoleAssignmentId", "The role assignment ID '" + name
                    + "' is not valid. The role assignment ID must be a GUID.");
        }
        JsonNode properties = call.body().path("properties");
        String roleDefinitionId = properties.path("roleDefinitionId").asText("");
        String principal = properties.path("principalId").asText("");
        if (roleDefinitionId.isEmpty() || principal.isEmpty()) {
            throw ArmError.badRequest("InvalidRequestContent", "properties.roleDefinitionId and properties.principalId are required.");
        }
        String role = roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1);
        String subscription = subscriptionOf(scope);
        if (!properties.hasNonNull("principalType") && notYetReplicated(call.root(), principal)) {
            // Wording of "Troubleshoot Azure RBAC" (learn.microsoft.com/azure/role-based-access-control/troubleshooting).
            throw ArmError.badRequest("PrincipalNotFound", "Principal " + principal.replace("-", "") + " does not exist in the "
                    + "directory " + call.root().path("azure").path("tenantId").asText(DEFAULT_TENANT) + ". Check that you have "
                    + "the correct principal ID. If you are creating this principal and then immediately assigning a role, this "
                    + "error might be related to a replication delay. In this case, set the role assignment principalType "
                    + "property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");
        }
        for (Assignment existing : assignments(call.root(), subscription)) {
            boolean sameName = existing.name().equalsIgnoreCase(name);
            boolean sameTriple = existing.sameTriple(scope, role, principal);
            if (sameName && sameTriple) {
                return ArmJson.response(200, existing.render());
            }
            if (sameName) {
                throw new ArmError(409, "RoleAssignmentUpdateNotPermitted",
                        "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
            }
            if (sameTriple) {
                throw new ArmError(409, "RoleAssignmentExists", "The role assignment already exists.");
            }
        }
        ObjectNode node = stored(call.root(), subscription).addObject()
                .put("name", name).put("scope", scope).put("roleDefinitionId", role).put("principalId", principal);
        if (properties.hasNonNull("principalType")) {
            node.put("principalType", properties.get("principalType").asText());
        }
        return ArmJson.response(201, new Assignment(subscription, node).render());
    }

    /** A workspace identity the world says is not yet replicated in the directory ({@code identity.replicatedAfterMs}). */
    private static boolean notYetReplicated(ObjectNode root, String principal) {
        for (ArmWorld.Named sub : ArmWorld.entries(root.path("azure").path("subscriptions"))) {
            for (ArmWorld.Named group : ArmWorld.entries(sub.node().path("resourceGroups"))) {
                for (ArmWorld.Named workspace : ArmWorld.entries(group.node().path(ResourceKind.WORKSPACES.worldKey()))) {
                    JsonNode identity = workspace.node().path("identity");
                    if (identity.path("principalId").asText().equalsIgnoreCase(principal) && identity.has("replicatedAfterMs")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static java.util.Optional<Assignment> named(ObjectNode root, String scope, String name) {
        return assignments(root, subscriptionOf(scope)).stream()
                .filter(a -> a.name().equalsIgnoreCase(name) && a.scope().equalsIgnoreCase(scope)).findFirst();
    }

    private static List<Assignment> assignments(ObjectNode root, String subscription) {
        List<Assignment> out = new ArrayList<>();
        stored(root, subscription).forEach(n -> out.add(new Assignment(subscription, (ObjectNode) n)));
        return out;
    }

    private static ArrayNode stored(ObjectNode root, String subscription) {
        return ArmWorld.subscription(root, subscription).node().withArray("/roleAssignments");
    }

    /** The scope as an id with one leading slash and none trailing. */
    private static String scope(ArmCall call) {
        String scope = "/" + call.param("scope").replaceAll("^/+|/+$", "");
        if (subscriptionOf(scope) == null) {
            throw ArmError.badRequest("InvalidScope", "The scope '" + scope + "' is not supported here: it must be a "
                    + "subscription, a resource group or a resource.");
        }
        return scope;
    }

    private static String subscriptionOf(String scope) {
        String[] segments = scope.split("/");
        return segments.length >= 3 && segments[1].equalsIgnoreCase("subscriptions") ? segments[2] : null;
    }

    /** Whether an assignment at {@code outer} applies at {@code inner}: the same scope or one of its parents. */
    private static boolean covers(String outer, String inner) {
        String o = lower(outer);
        String i = lower(inner);
        return i.equals(o) || i.startsWith(o + "/");
    }

    private static ArmError notFound(String name) {
        return new ArmError(404, "RoleAssignmentNotFound", "The role assignment '" + name + "' is not found.");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
