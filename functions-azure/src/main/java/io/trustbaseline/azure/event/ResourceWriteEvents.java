package io.trustbaseline.azure.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.RequestIds;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.FieldError;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.TargetType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code Microsoft.Resources.ResourceWriteSuccess} events, in the Event Grid schema or the CloudEvents 1.0
 * schema, one event or an array of them, and decides for each: act on the written resource, ignore the event (another
 * type, a sub-resource, another event type, a failed write), or refuse it as malformed, naming the field.
 */
public final class ResourceWriteEvents {
    public static final String RESOURCE_WRITE_SUCCESS = "Microsoft.Resources.ResourceWriteSuccess";

    /** What one event asks for. {@code eventId} is null when the event has no usable id. */
    public sealed interface Outcome {
        String eventId();
    }

    /** A write of a managed resource itself: reconcile it. */
    public record Act(String eventId, AzureResourceId resource) implements Outcome { }

    /** Nothing to do, and why; {@code subject} is the resource the event is about, as it says. */
    public record Ignore(String eventId, String subject, String reason) implements Outcome { }

    /** A malformed event: each problem names its field. */
    public record Invalid(String eventId, List<FieldError> errors) implements Outcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    private ResourceWriteEvents() { }

    /** One outcome per event of the payload (a JSON object or array), in order. */
    public static List<Outcome> parse(String payload) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload == null ? "" : payload);
        } catch (JsonProcessingException e) {
            return List.of(invalid(null, "$", "json", "not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(invalid(null, "$", "required", "the event payload is empty"));
        }
        if (root.isObject()) {
            return List.of(read(root, ""));
        }
        if (!root.isArray()) {
            return List.of(invalid(null, "$", "type", "must be an event object or an array of events"));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            outcomes.add(read(root.get(i), "[" + i + "]."));
        }
        return outcomes;
    }

    private static Outcome read(JsonNode event, String at) {
        if (!event.isObject()) {
            return invalid(null, at.isEmpty() ? "$" : at.substring(0, at.length() - 1), "type", "an event must be a JSON object");
        }
        boolean cloudEvent = event.has("specversion");
        String typeField = cloudEvent ? "type" : "eventType";
        JsonNode idNode = event.get("id");
        String eventId = idNode != null && idNode.isTextual() && RequestIds.isValid(idNode.textValue())
                ? idNode.textValue() : null;
        List<FieldError> errors = new ArrayList<>();
        if (eventId == null) {
            errors.add(new FieldError(at + "id", idNode == null ? "required" : "pattern",
                    "the event id must be " + RequestIds.RULE));
        }
        String type = text(event, typeField);
        if (type == null) {
            errors.add(new FieldError(at + typeField, "required", "an event needs " + (cloudEvent ? "type (CloudEvents)"
                    : "eventType (Event Grid schema), or specversion and type (CloudEvents)")));
        }
        if (!errors.isEmpty()) {
            return new Invalid(eventId, errors);
        }
        String subject = text(event, "subject");
        if (!RESOURCE_WRITE_SUCCESS.equals(type)) {
            return new Ignore(eventId, subject, "the event type " + type + " is not handled, only " + RESOURCE_WRITE_SUCCESS);
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            return invalid(eventId, at + "data", data == null ? "required" : "type", "must be the event's data object");
        }
        String resourceUri = Optional.ofNullable(text(data, "resourceUri")).orElse(subject);
        if (resourceUri == null) {
            return invalid(eventId, at + "data.resourceUri", "required", "names the written resource (or the subject does)");
        }
        String operation = text(data, "operationName");
        if (operation == null) {
            return invalid(eventId, at + "data.operationName", "required", "names the write, such as"
                    + " Microsoft.ContainerService/managedClusters/write");
        }
        String status = text(data, "status");
        if (status != null && !status.equalsIgnoreCase("Succeeded")) {
            return new Ignore(eventId, resourceUri, "the write ended " + status);
        }
        return classify(eventId, at, resourceUri, operation);
    }

    private static Outcome classify(String eventId, String at, String resourceUri, String operation) {
        List<String> types = resourceTypes(resourceUri);
        if (types.isEmpty()) {
            return new Ignore(eventId, resourceUri, "not a resource of a provider (a subscription or resource group write)");
        }
        String resourceType = types.get(0);
        String writtenType = String.join("/", types);
        Optional<TargetType> managed = TargetType.of(resourceType).filter(t -> t.cloud() == Cloud.AZURE);
        if (managed.isEmpty()) {
            return new Ignore(eventId, resourceUri, "writes of " + writtenType + " are not handled");
        }
        if (types.size() > 1) {
            return new Ignore(eventId, resourceUri, "a write of the sub-resource " + writtenType + ", not of the "
                    + resourceType + " itself");
        }
        if (!operation.equalsIgnoreCase(managed.get().writeOperation())) {
            return new Ignore(eventId, resourceUri, "the operation " + operation + " is not a write of the " + resourceType);
        }
        StringBuilder why = new StringBuilder();
        Optional<AzureResourceId> id = AzureResourceId.tryParse(resourceUri, why);
        if (id.isEmpty()) {
            return invalid(eventId, at + "data.resourceUri", "resource-id", why.toString());
        }
        TargetType.NameRule rule = managed.get().nameRule();
        if (!rule.accepts(id.get().name())) {
            return invalid(eventId, at + "data.resourceUri", "name", "a " + resourceType + " name must be " + rule.description());
        }
        return new Act(eventId, id.get());
    }

    /**
     * The resource type and the types of its sub-resources named by an id: for
     * {@code .../providers/Microsoft.ContainerService/managedClusters/c/trustedAccessRoleBindings/b} that is
     * {@code [Microsoft.ContainerService/managedClusters, trustedAccessRoleBindings]}; empty without a provider.
     */
    private static List<String> resourceTypes(String resourceUri) {
        String[] segments = resourceUri.split("/", -1);
        int providers = -1;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equalsIgnoreCase("providers")) {
                providers = i;
                break;
            }
        }
        if (providers < 0 || providers + 2 >= segments.length) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        types.add(segments[providers + 1] + "/" + segments[providers + 2]);
        for (int i = providers + 4; i < segments.length; i += 2) {
            types.add(segments[i]);
        }
        return types;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static Invalid invalid(String eventId, String field, String rule, String message) {
        return new Invalid(eventId, List.of(new FieldError(field, rule, message)));
    }
}
