package io.trustbaseline.core.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.port.azure.VaultFirewall;
import io.trustbaseline.core.port.azure.Workspace;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.target.TargetState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target's state as the sweep's listing returned it, carried in its {@link WorkMessage} ({@code listed}) so that a
 * worker plans a compliant target with no read of its own. It is a hint, never the ground for a write: the
 * reconciler reads the target afresh before any change (Reconciler). Small by construction: a state whose JSON
 * exceeds {@link #MAX_CHARS} is not carried (the worker reads the target as without it), far under the queues'
 * message limits (SQS 256 KB, Azure Storage 64 KB).
 *
 * <pre>{"version": 1, "state": "Succeeded", "ready": true, "location": "westeurope", "tags": {"env": "prod"},
 *  "views": {"registryNetwork": {"sku": "Premium", "publicNetworkAccess": "Enabled", "networkRuleBypassOptions": "None"}}}</pre>
 */
public final class ListedState {
    public static final int VERSION = 1;
    /** The most characters a listed state's JSON may have. */
    public static final int MAX_CHARS = 8_192;
    /** The views a listed state may carry, by their field name: those the settings plan from. */
    private static final Map<String, Class<?>> VIEWS = Map.of(
            "registryNetwork", RegistryNetwork.class,
            "storageNetworkAcls", StorageNetworkAcls.class,
            "workspace", Workspace.class,
            "vaultFirewall", VaultFirewall.class);

    private ListedState() {
    }

    /** {@code state} as a work message carries it; empty when it is too large to carry. */
    public static Optional<ObjectNode> toJson(TargetState state) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("version", VERSION).put("state", state.state())
                .put("ready", state.ready()).put("location", state.location());
        ObjectNode tags = node.putObject("tags");
        state.tags().forEach(tags::put);
        ObjectNode views = node.putObject("views");
        VIEWS.forEach((name, type) -> state.view(type).ifPresent(v -> views.set(name, Json.MAPPER.valueToTree(v))));
        return node.toString().length() <= MAX_CHARS ? Optional.of(node) : Optional.empty();
    }

    /** Reads a listed state strictly, recording each bad field under {@code field}. */
    static TargetState parse(JsonNode node, String field, Problems problems) {
        if (node.toString().length() > MAX_CHARS) {
            problems.add(field, "maxLength", "must be at most " + MAX_CHARS + " characters of JSON");
            return null;
        }
        Fields doc = Fields.of(node, field, problems);
        Integer version = doc.integer("version", true);
        if (version != null && version != VERSION) {
            problems.add(field + ".version", "enum", "must be " + VERSION + " (was " + version + ")");
        }
        String state = doc.string("state", true);
        boolean ready = doc.bool("ready", false);
        String location = doc.string("location", false);
        Map<String, String> tags = doc.stringMap("tags");
        List<Object> views = new ArrayList<>();
        Fields viewFields = doc.object("views", false);
        if (viewFields != null) {
            VIEWS.forEach((name, type) -> {
                JsonNode view = viewFields.raw(name);
                if (view == null) {
                    return;
                }
                try {
                    views.add(Json.MAPPER.treeToValue(view, type));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    problems.add(field + ".views." + name, "type", "must be a " + name + " object with its known fields only");
                }
            });
            viewFields.rejectUnknown();
        }
        doc.rejectUnknown();
        return new TargetState(state, ready, location, tags, views);
    }
}
