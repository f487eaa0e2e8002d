package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * GET one, list by subscription, list by resource group and (where the type allows) PATCH for the tracked
 * resource types: managed clusters, registries, storage accounts and Azure ML workspaces.
 * StorageAccounts_Update is synchronous: 200 with the updated account. Registries_Update is long-running: as the official
 * RegistryUpdate example's 201 shows, it answers 201 with the registry Updating and {@code Azure-AsyncOperation} at
 * {@code <registry>/operationStatuses/registries-<guid>}; the change lands when the operation ends ({@link LongRunning}).
 */
final class TrackedResources {
    private TrackedResources() { }

    static List<ArmEndpoint> endpoints() {
        List<ArmEndpoint> out = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.ALL) {
            String read = kind.type() + "/read";
            String byGroup = "/subscriptions/{sub}/resourceGroups/{rg}/providers/" + kind.type();
            out.add(ArmEndpoint.of("GET", "/subscriptions/{sub}/providers/" + kind.type(),
                    kind.operationGroup() + "_" + kind.listOperation(), read,
                    call -> list(call, kind, null)));
            out.add(ArmEndpoint.of("GET", byGroup, kind.operationGroup() + "_ListByResourceGroup", read,
                    call -> list(call, kind, call.param("rg"))));
            out.add(ArmEndpoint.of("GET", byGroup + "/{name}", kind.operationGroup() + "_" + kind.getOperation(), read,
                    call -> get(call, kind)));
            if (kind.updatable()) {
                out.add(ArmEndpoint.of("PATCH", byGroup + "/{name}", kind.operationGroup() + "_Update",
                        kind.type() + "/write", call -> update(call, kind)));
            }
            if (kind == ResourceKind.REGISTRIES) {
                // No swagger operationId: the status URL the asynchronous PATCH hands out.
                out.add(ArmEndpoint.of("GET", byGroup + "/{name}/operationStatuses/{operation}", "RegistryOperationStatus_Get",
                        kind.type() + "/operationStatuses/read", call -> call.operations().asyncStatus(call, call.param("operation").replaceFirst("^registries-", ""))));
            }
        }
        return out;
    }

    static LocalResponse list(ArmCall call, ResourceKind kind, String resourceGroup) {
        return ArmJson.page(ArmWorld.list(call.root(), call.param("sub"), resourceGroup, kind).stream()
                .map(r -> kind.render(r.subscription(), r.resourceGroup(), r.name(), r.node()))
                .toList());
    }

    static LocalResponse get(ArmCall call, ResourceKind kind) {
        kind.checkName(call.param("name"));
        ArmWorld.Located r = ArmWorld.resource(call.root(), call.param("sub"), call.param("rg"), kind, call.param("name"));
        return ArmJson.response(200, kind.render(r.subscription(), r.resourceGroup(), r.name(), r.node()));
    }

    static LocalResponse update(ArmCall call, ResourceKind kind) {
        kind.checkName(call.param("name"));
        ArmWorld.Located r = ArmWorld.resource(call.root(), call.param("sub"), call.param("rg"), kind, call.param("name"));
        String state = ResourceKind.provisioningState(r.node());
        if (!state.equals("Succeeded")) {
            throw ArmError.notReady(kind.type(), r.name(), state);
        }
        JsonNode body = call.body();
        if (kind != ResourceKind.REGISTRIES) {
            ResourceKind.patch(r.node(), body);
            return ArmJson.response(200, kind.render(r.subscription(), r.resourceGroup(), r.name(), r.node()));
        }
        ObjectNode registry = r.node();
        registry.put("provisioningState", "Updating");
        String operation = "registries-" + call.operations().start(call, end -> {
            if (end.equals("Succeeded")) {
                ResourceKind.patch(registry, body);
            }
            registry.put("provisioningState", end);
        });
        String statusUrl = call.baseUrl() + kind.id(r.subscription(), r.resourceGroup(), r.name()) + "/operationStatuses/"
                + operation + "?api-version=" + call.apiVersion();
        return LongRunning.withRetryAfter(ArmJson.response(201, kind.render(r.subscription(), r.resourceGroup(), r.name(), registry)),
                call).withHeader("Azure-AsyncOperation", statusUrl);
    }
}
