package io.trustbaseline.localcloud.arm;

import io.trustbaseline.localcloud.LocalResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * GET one, list by subscription, list by resource group and (where the type allows) PATCH for the tracked
 * resource types: managed clusters, registries, storage accounts and Azure ML workspaces.
 * PATCH answers 200 with the updated resource in state Succeeded; the SDK treats that as a long-running
 * operation that finished at once (Registries_Update is declared long-running, StorageAccounts_Update is not).
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
        }
        return out;
    }

    private static LocalResponse list(ArmCall call, ResourceKind kind, String resourceGroup) {
        return ArmJson.page(ArmWorld.list(call.root(), call.param("sub"), resourceGroup, kind).stream()
                .map(r -> kind.render(r.subscription(), r.resourceGroup(), r.name(), r.node()))
                .toList());
    }

    private static LocalResponse get(ArmCall call, ResourceKind kind) {
        kind.checkName(call.param("name"));
        ArmWorld.Located r = ArmWorld.resource(call.root(), call.param("sub"), call.param("rg"), kind, call.param("name"));
        return ArmJson.response(200, kind.render(r.subscription(), r.resourceGroup(), r.name(), r.node()));
    }

    private static LocalResponse update(ArmCall call, ResourceKind kind) {
        kind.checkName(call.param("name"));
        ArmWorld.Located r = ArmWorld.resource(call.root(), call.param("sub"), call.param("rg"), kind, call.param("name"));
        String state = ResourceKind.provisioningState(r.node());
        if (!state.equals("Succeeded")) {
            throw ArmError.notReady(kind.type(), r.name(), state);
        }
        ResourceKind.patch(r.node(), call.body());
        return ArmJson.response(200, kind.render(r.subscription(), r.resourceGroup(), r.name(), r.node()));
    }
}
