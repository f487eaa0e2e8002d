package io.trustbaseline.localcloud.arm;

import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.LocalResponse;
import io.trustbaseline.localcloud.Route;
import io.trustbaseline.localcloud.World;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The emulated subset of Azure Resource Manager: managed clusters and their trusted access role bindings, the
 * trusted access roles of a location, container registries, storage accounts, Azure ML workspaces, key vaults and role
 * assignments, in the wire format of the api-versions the azure-resourcemanager libraries send (any api-version is
 * accepted, one is required). Every request without a SigV4 Authorization header is ARM's to answer.
 * Start it with {@code LocalCloud.start(world, List.of(ArmService.create(), ...))}.
 */
public final class ArmService implements CloudService {
    private static final List<ArmEndpoint> ENDPOINTS = Stream.of(
                    TrackedResources.endpoints(), KeyVaults.endpoints(), TrustedAccess.endpoints(), RoleAssignments.endpoints())
            .flatMap(List::stream).toList();
    private static final Map<String, String> ACTIONS = actions(ENDPOINTS);

    /**
     * The identity the functions run as (their system-assigned managed identity); ARM names it in AuthorizationFailed.
     */
    static final String CALLER = "7d3c1e0a-5b2f-4e8d-9a61-0c4b2f8e6d17";

    private final AzureRole role;
    private final LongRunning operations = new LongRunning();

    private ArmService(AzureRole role) {
        this.role = role;
    }

    /** ARM as the deployment's custom role sees it (infra/azure/permissions.json). */
    public static ArmService create() {
        return new ArmService(AzureRole.deployment());
    }

    /** ARM for a caller holding {@code role}. */
    public static ArmService create(AzureRole role) {
        return new ArmService(role);
    }

    /**
     * The ARM authorization action each API name needs, such as {@code arm:TrustedAccessRoleBindings_CreateOrUpdate}
     * → {@code Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write}: what a custom role must
     * grant for a caller to use that API. The polls of long-running operations are listed with the action ARM checks
     * for their status URLs.
     */
    public static Map<String, String> actions() {
        return ACTIONS;
    }

    /** The ARM authorization action of one API name, empty when the name is not served here. */
    public static Optional<String> actionOf(String api) {
        return Optional.ofNullable(ACTIONS.get(api));
    }

    @Override
    public Optional<Route> route(LocalRequest request) {
        if (LocalCloud.awsService(request) != null) {
            return Optional.empty();
        }
        String path = normalise(request.path());
        for (ArmEndpoint endpoint : ENDPOINTS) {
            Matcher parameters = endpoint.match(request.method(), path);
            if (parameters != null) {
                return Optional.of(new Route(endpoint.api(), endpoint.write(),
                        (req, root) -> List.of(access(endpoint, path, req)),
                        (req, world) -> answer(endpoint, parameters, req, world, operations)));
            }
        }
        return Optional.empty();
    }

    /**
     * An injected fault in ARM's shape: {@code TooManyRequests} is 429 with Retry-After (default 1 s),
     * {@code AuthorizationFailed} is 403 naming the action the API needs; the fault's status, when set, wins.
     */
    @Override
    public LocalResponse fault(Fault fault, LocalRequest request) {
        String action = route(request).flatMap(r -> actionOf(r.api())).orElse("unknown");
        String scope = normalise(request.path());
        int status;
        String message;
        switch (fault.error()) {
            case "TooManyRequests" -> {
                status = 429;
                message = "The request is being throttled; retry after the interval in the Retry-After header.";
            }
            case "AuthorizationFailed" -> {
                status = 403;
                message = authorizationFailed("does not have authorization", action, scope);
            }
            case "ServiceUnavailable" -> {
                status = 503;
                message = "The service is temporarily unavailable; try again later.";
            }
            case "Conflict" -> {
                status = 409;
                message = "Another operation is in progress on '" + scope + "'.";
            }
            default -> {
                status = 500;
                message = "The server encountered an internal error (" + fault.error() + "); try again later.";
            }
        }
        if (fault.status() != null) {
            status = fault.status();
        }
        LocalResponse response = ArmJson.response(status, ArmError.body(fault.error(), message));
        Integer retryAfter = fault.retryAfterSeconds();
        if (status == 429 || retryAfter != null) {
            response = response.withHeader("Retry-After", String.valueOf(retryAfter == null ? 1 : retryAfter));
        }
        return response;
    }

    @Override
    public AzureRole permissions() {
        return role;
    }

    /**
     * ARM's 403 for a call the role does not grant: code AuthorizationFailed naming the client, the action and the scope
     * (the request's resource path). When the action is granted but the role assignment's ABAC condition is not met, ARM
     * says so in the same message. Wording as in "Troubleshoot Azure RBAC" (learn.microsoft.com/azure/
     * role-based-access-control/troubleshooting) and ABAC's "Troubleshoot Azure role assignment conditions".
     */
    @Override
    public LocalResponse denied(Access denied, LocalRequest request, World world) {
        String why = role.grants(denied.action()) ? "does not have authorization or an ABAC condition not fulfilled"
                : "does not have authorization";
        return ArmJson.response(403, ArmError.body("AuthorizationFailed", authorizationFailed(why, denied.action(), denied.resource())));
    }

    private static String authorizationFailed(String why, String action, String scope) {
        return "The client '" + CALLER + "' with object id '" + CALLER + "' " + why + " to perform action '" + action
                + "' over scope '" + scope + "' or the scope is invalid. If access was recently granted, please refresh your credentials.";
    }

    /** The action an endpoint needs over the request's path; a role assignment's write also names the role it grants. */
    private static Access access(ArmEndpoint endpoint, String path, LocalRequest request) {
        Access access = Access.of(endpoint.action(), path);
        if (endpoint.action().equalsIgnoreCase(AzureRole.ROLE_ASSIGNMENT_WRITE)) {
            String roleDefinitionId = roleDefinitionId(request);
            access = access.with(AzureRole.ROLE_DEFINITION_ID, roleDefinitionId == null ? List.of() : List.of(roleDefinitionId));
        }
        return access;
    }

    private static String roleDefinitionId(LocalRequest request) {
        try {
            String id = ArmJson.parse(request.body()).path("properties").path("roleDefinitionId").asText("");
            return id.isEmpty() ? null : id.substring(id.lastIndexOf('/') + 1);
        } catch (ArmError e) {
            return null; // the handler answers the bad body; the condition cannot hold without a role
        }
    }

    private static LocalResponse answer(ArmEndpoint endpoint, Matcher parameters, LocalRequest request, World world,
                                        LongRunning operations) {
        String apiVersion = request.query().get("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            return ArmError.badRequest("MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.").response();
        }
        return world.locked(root -> {
            try {
                java.time.Instant now = world.clock().instant();
                operations.settle(now);
                ResourceKind.ripen(root, world);
                return endpoint.handler().handle(new ArmCall(request, parameters, root, now, operations));
            } catch (ArmError e) {
                return e.response();
            }
        });
    }

    /** Collapses doubled slashes (a scope passed with its leading slash) and drops a trailing one. */
    private static String normalise(String path) {
        String collapsed = path.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }

    private static Map<String, String> actions(List<ArmEndpoint> endpoints) {
        Map<String, String> out = new LinkedHashMap<>();
        endpoints.forEach(e -> out.put(e.api(), e.action()));
        return java.util.Collections.unmodifiableMap(out);
    }
}
