package io.trustbaseline.core.setting.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.Setting;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.TargetType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the published JSON Schemas ({@code events-samples/schema/request.schema.json} and
 * {@code baseline.schema.json}) from the settings' contracts and the target types. The envelope of each document
 * (request id, target, rules, match, exemptions) is written by hand in {@code <name>.envelope.json} next to this
 * class; every node there that reads {@code "generated"} is filled from the {@link Catalog} and {@link TargetType}.
 * {@code SchemaFilesTest} fails when the checked-in files differ from what this produces.
 */
public final class SchemaGenerator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String GENERATED = "generated";
    /** Which match fields belong to the other cloud: an Azure rule cannot list AWS accounts, and the reverse. */
    private static final Map<Cloud, List<String>> OTHER_CLOUD_MATCH_FIELDS = Map.of(
            Cloud.AZURE, List.of("accounts", "regions"),
            Cloud.AWS, List.of("subscriptions", "resourceGroups"));

    private final Catalog catalog;

    public SchemaGenerator(Catalog catalog) {
        this.catalog = catalog;
    }

    /** request.schema.json, pretty-printed as checked in. */
    public String request() {
        ObjectNode doc = envelope("request");
        fill(doc, "/allOf", actionRules());
        fill(doc, "/$defs/azureTargetId", azureTargetId(doc));
        fillSettings(doc, GuardScope.REQUEST);
        return pretty(doc);
    }

    /** baseline.schema.json, pretty-printed as checked in. */
    public String baseline() {
        ObjectNode doc = envelope("baseline");
        fill(doc, "/$defs/azureTargetId", azureTargetId(doc));
        fill(doc, "/$defs/match/properties/resourceType", resourceTypes());
        fill(doc, "/$defs/match/allOf", matchByCloud());
        fill(doc, "/$defs/rule/allOf", settingsByRule());
        fill(doc, "/$defs/guardrails", object(catalog.guardrailsContract(), GuardScope.BASELINE));
        fill(doc, "/$defs/exemption/properties/settings/items", enumOf(catalog.types()));
        fill(doc, "/$defs/exemption/properties/items/items/properties/type", enumOf(catalog.types()));
        fillSettings(doc, GuardScope.BASELINE);
        return pretty(doc);
    }

    // ------------------------------------------------------------------------------------------- settings

    /** {@code $defs/settingItem} (dispatch on {@code type}) followed by one definition per setting. */
    private void fillSettings(ObjectNode doc, GuardScope where) {
        ObjectNode defs = (ObjectNode) doc.get("$defs");
        ObjectNode rebuilt = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("settingItem")) {
                rebuilt.set(e.getKey(), e.getValue());
                continue;
            }
            requirePlaceholder(e.getValue(), "/$defs/settingItem");
            rebuilt.set("settingItem", settingItem());
            settings().forEach(s -> rebuilt.set(defName(s), item(s, where)));
        }
        doc.set("$defs", rebuilt);
    }

    private ObjectNode settingItem() {
        ObjectNode item = NODES.objectNode().put("description", "One setting item, discriminated by 'type'.")
                .put("type", "object");
        item.set("required", array("type"));
        item.set("properties", NODES.objectNode().set("type", enumOf(catalog.types())));
        ArrayNode dispatch = item.putArray("allOf");
        settings().forEach(s -> dispatch.add(ifType(s.type()).set("then", NODES.objectNode()
                .put("$ref", "#/$defs/" + defName(s)))));
        return item;
    }

    /** One setting's item: a ticket's items carry {@code confirm} when the setting can be removed. */
    private ObjectNode item(Setting<?> setting, GuardScope where) {
        ItemContract contract = setting.contract();
        ObjectNode item = NODES.objectNode().put("title", setting.type());
        ObjectNode body = object(contract, where);
        ObjectNode properties = NODES.objectNode().set("type", NODES.objectNode().put("const", setting.type()));
        body.get("properties").fields().forEachRemaining(p -> properties.set(p.getKey(), p.getValue()));
        if (where == GuardScope.REQUEST && setting.removable()) {
            properties.set("confirm", NODES.objectNode()
                    .put("description", "Required with action 'remove' and then must equal the item's name (checked"
                            + " by the parser, not expressible here).")
                    .put("type", "string").put("minLength", 1).put("maxLength", 512));
        }
        body.set("properties", properties);
        ArrayNode required = array("type");
        body.withArray("required").forEach(required::add);
        body.set("required", required);
        item.setAll(body);
        return item;
    }

    /**
     * An object of declared fields. The baseline always ensures, so what an ensure requires is required there; a
     * request's action-dependent rules are stated by {@link #actionRules()}.
     */
    private ObjectNode object(ItemContract contract, GuardScope where) {
        ObjectNode o = NODES.objectNode();
        if (contract.description() != null) {
            o.put("description", contract.description());
        }
        o.put("type", "object").put("additionalProperties", false);
        ArrayNode required = NODES.arrayNode();
        contract.fields().stream()
                .filter(f -> where == GuardScope.BASELINE ? f.requiredFor(Action.ENSURE) : f.requiredOn().size() == Action.values().length)
                .forEach(f -> required.add(f.name()));
        if (!required.isEmpty()) {
            o.set("required", required);
        }
        ObjectNode properties = o.putObject("properties");
        contract.fields().forEach(f -> properties.set(f.name(), field(f, where)));
        ArrayNode allOf = NODES.arrayNode();
        for (ItemContract.CrossRule rule : contract.rules()) {
            switch (rule.kind()) {
                case REQUIRES -> allOf.add(requires(contract, rule));
                case REQUIRED_WHEN, FORBIDDEN_WHEN -> allOf.add(when(contract, rule));
                case REQUIRES_TRUE -> o.withObject("dependentSchemas").set(rule.field(), NODES.objectNode()
                        .put("description", rule.message())
                        .<ObjectNode>set("required", array(rule.others().get(0)))
                        .set("properties", NODES.objectNode().set(rule.others().get(0),
                                NODES.objectNode().put("const", true))));
                case EXACTLY_ONE, AT_LEAST_ONE -> {
                    if (rule.onlyOn() == null || where == GuardScope.BASELINE && rule.onlyOn() == Action.ENSURE) {
                        o.set(rule.kind() == ItemContract.CrossRule.Kind.EXACTLY_ONE ? "oneOf" : "anyOf", oneOf(rule));
                    }
                }
            }
        }
        if (!allOf.isEmpty()) {
            o.set("allOf", allOf);
        }
        return o;
    }

    /** When a string field has a value, another field is required (an array: not empty) or forbidden (empty). */
    private static ObjectNode when(ItemContract contract, ItemContract.CrossRule rule) {
        String other = rule.others().get(0);
        boolean array = contract.field(other).map(f -> f.kind() == FieldSpec.Kind.STRINGS
                || f.kind() == FieldSpec.Kind.OBJECTS).orElse(false);
        boolean required = rule.kind() == ItemContract.CrossRule.Kind.REQUIRED_WHEN;
        ObjectNode then = NODES.objectNode();
        if (required) {
            then.set("required", array(other));
        }
        if (array) {
            then.set("properties", NODES.objectNode().set(other, NODES.objectNode().put(required ? "minItems" : "maxItems",
                    required ? 1 : 0)));
        } else if (!required) {
            then.set("not", NODES.objectNode().set("required", array(other)));
        }
        return NODES.objectNode().put("description", rule.message()).<ObjectNode>set("if", ifProperty(rule.field(),
                rule.value())).set("then", then);
    }

    /** A boolean field requires another when it is true; any other field when it is given. */
    private static ObjectNode requires(ItemContract contract, ItemContract.CrossRule rule) {
        boolean bool = contract.field(rule.field()).map(f -> f.kind() == FieldSpec.Kind.BOOLEAN).orElse(false);
        ObjectNode when = NODES.objectNode();
        when.set("properties", NODES.objectNode().set(rule.field(), bool ? NODES.objectNode().put("const", true)
                : NODES.objectNode()));
        when.set("required", array(rule.field()));
        return NODES.objectNode().put("description", rule.message()).<ObjectNode>set("if", when)
                .set("then", NODES.objectNode().set("required", array(rule.others().toArray(String[]::new))));
    }

    /** One alternative per field of the rule: {@code {"required": [field]}}. */
    private static ArrayNode oneOf(ItemContract.CrossRule rule) {
        ArrayNode oneOf = NODES.arrayNode();
        rule.others().forEach(f -> oneOf.add(NODES.objectNode().set("required", array(f))));
        return oneOf;
    }

    private ObjectNode field(FieldSpec f, GuardScope where) {
        ObjectNode s = NODES.objectNode();
        if (f.description() != null) {
            s.put("description", f.description());
        }
        if (f.ticketMessage() != null && where == GuardScope.REQUEST) {
            s.set("const", Json.MAPPER.valueToTree(f.defaultValue()));
            return s;
        }
        switch (f.kind()) {
            case STRING -> {
                if (f.schemaRef() != null) {
                    s.put("$ref", "#/$defs/" + f.schemaRef());
                } else {
                    s.put("type", "string");
                    strings(f, s);
                }
            }
            case BOOLEAN -> s.put("type", "boolean");
            case INTEGER -> s.put("type", "integer");
            case STRINGS -> {
                array(f, s);
                s.put("uniqueItems", true);
                strings(f, s.putObject("items").put("type", "string"));
            }
            case OBJECT -> s.setAll((ObjectNode) object(f.nested(), where).without("description"));
            case OBJECTS -> {
                array(f, s);
                s.set("items", object(f.nested(), where));
            }
        }
        if (f.defaultValue() != null) {
            s.set("default", Json.MAPPER.valueToTree(f.defaultValue()));
        }
        return s;
    }

    /** An array field and its item-count bounds. */
    private static void array(FieldSpec f, ObjectNode s) {
        s.put("type", "array");
        if (f.minItems() != null && f.minItems() > 0) {
            s.put("minItems", f.minItems());
        }
        if (f.maxItems() != null) {
            s.put("maxItems", f.maxItems());
        }
    }

    /** The rules of a string (or of each string of an array). */
    private static void strings(FieldSpec f, ObjectNode s) {
        if (f.minLength() != null) {
            s.put("minLength", f.minLength());
        }
        if (f.maxLength() != null) {
            s.put("maxLength", f.maxLength());
        }
        if (f.pattern() != null) {
            s.put("pattern", f.pattern().pattern());
        }
        if (f.enumValues() != null) {
            s.set("enum", array(f.enumValues().toArray(String[]::new)));
        }
    }

    /**
     * A request's rules that depend on its action: a removal lists the removable items with {@code confirm}; an
     * ensure (the default) gives what each setting requires on ensure.
     */
    private ArrayNode actionRules() {
        List<String> removable = settings().stream().filter(Setting::removable).map(Setting::type).toList();
        ArrayNode rules = NODES.arrayNode();
        ObjectNode remove = rules.addObject().put("description", "action 'remove': settings must be given, only "
                + String.join(" and ", removable) + " can be removed, and each item carries 'confirm' (equal to its"
                + " name: checked by the parser).");
        remove.set("if", actionIsRemove());
        ObjectNode items = NODES.objectNode();
        items.set("required", array("type", "confirm"));
        items.set("properties", NODES.objectNode().set("type", enumOf(removable)));
        ArrayNode removeRules = perAction(Action.REMOVE);
        if (!removeRules.isEmpty()) {
            items.set("allOf", removeRules);
        }
        remove.set("then", NODES.objectNode().<ObjectNode>set("required", array("settings"))
                .set("properties", NODES.objectNode().set("settings", NODES.objectNode().set("items", items))));

        ArrayNode perSetting = perAction(Action.ENSURE);
        ObjectNode ensure = rules.addObject().put("description", "action 'ensure' (the default): each item gives what"
                + " its setting requires on ensure.");
        ensure.set("if", actionIsRemove());
        ensure.set("else", NODES.objectNode().set("properties", NODES.objectNode().set("settings",
                NODES.objectNode().set("items", NODES.objectNode().set("allOf", perSetting)))));
        return rules;
    }

    /** What each setting requires on {@code action} only: the fields and the alternatives of its rules. */
    private ArrayNode perAction(Action action) {
        ArrayNode perSetting = NODES.arrayNode();
        for (Setting<?> s : settings()) {
            ObjectNode then = NODES.objectNode();
            ArrayNode required = NODES.arrayNode();
            s.contract().fields().stream()
                    .filter(f -> f.requiredFor(action) && f.requiredOn().size() < Action.values().length)
                    .forEach(f -> required.add(f.name()));
            if (!required.isEmpty()) {
                then.set("required", required);
            }
            for (ItemContract.CrossRule r : s.contract().rules()) {
                if (r.onlyOn() == action && r.kind() == ItemContract.CrossRule.Kind.EXACTLY_ONE) {
                    then.set("oneOf", oneOf(r));
                } else if (r.onlyOn() == action && r.kind() == ItemContract.CrossRule.Kind.AT_LEAST_ONE) {
                    then.set("anyOf", oneOf(r));
                }
            }
            if (!then.isEmpty()) {
                perSetting.add(ifType(s.type()).set("then", then));
            }
        }
        return perSetting;
    }

    private static ObjectNode actionIsRemove() {
        return NODES.objectNode().<ObjectNode>set("properties", NODES.objectNode().set("action",
                NODES.objectNode().put("const", Action.REMOVE.id()))).set("required", array("action"));
    }

    // ------------------------------------------------------------------------------------------- target types

    /**
     * An Azure target id: a resource id whose name follows its type's rule, for each Azure type. The id's shape up to
     * the provider is the envelope's {@code azureResourceId} pattern.
     */
    private static ObjectNode azureTargetId(ObjectNode doc) {
        String idPattern = doc.at("/$defs/azureResourceId/pattern").asText();
        String prefix = idPattern.substring(0, idPattern.indexOf("/providers/") + "/providers/".length());
        List<TargetType> azure = TargetType.of(Cloud.AZURE);
        StringBuilder rules = new StringBuilder();
        ArrayNode allOf = NODES.arrayNode();
        allOf.addObject().put("$ref", "#/$defs/azureResourceId");
        for (TargetType t : azure) {
            String type = t.resourceType().replace(".", "\\.");
            String simple = t.resourceType().substring(t.resourceType().indexOf('/') + 1);
            rules.append(rules.isEmpty() ? "" : "; ").append(simple).append(' ').append(t.nameRule().description());
            ObjectNode rule = allOf.addObject();
            rule.set("if", NODES.objectNode().put("type", "string").put("pattern", prefix + type + "/[^/]*$"));
            rule.set("then", NODES.objectNode().put("pattern", prefix + type + "/(" + unanchored(t.nameRule().pattern())
                    + ")$").put("description", simple + " name"));
        }
        ObjectNode def = NODES.objectNode().put("description", "An Azure resource id. For the resource types this"
                + " project acts on, the name must follow the type's own rules: " + rules + ".");
        def.set("allOf", allOf);
        return def;
    }

    /** A name pattern without its anchors, to embed in a longer one. */
    private static String unanchored(Pattern pattern) {
        return pattern.pattern().replaceAll("(^|\\|)\\^", "$1").replaceAll("\\$($|\\|)", "$1");
    }

    private static ObjectNode resourceTypes() {
        return enumOf(List.of(TargetType.values()).stream().map(TargetType::resourceType).toList())
                .put("description", "The ARM type for Azure, 'eks-cluster' for AWS.");
    }

    private static ArrayNode matchByCloud() {
        ArrayNode allOf = NODES.arrayNode();
        for (Cloud cloud : Cloud.values()) {
            ObjectNode then = NODES.objectNode().set("resourceType",
                    enumOf(TargetType.of(cloud).stream().map(TargetType::resourceType).toList()));
            OTHER_CLOUD_MATCH_FIELDS.get(cloud).forEach(f -> then.put(f, false));
            allOf.addObject().<ObjectNode>set("if", ifProperty("cloud", cloud.id()))
                    .set("then", NODES.objectNode().set("properties", then));
        }
        return allOf;
    }

    /** A rule's settings must apply to its resource type, and to its cloud. */
    private ArrayNode settingsByRule() {
        ArrayNode allOf = NODES.arrayNode();
        for (TargetType t : TargetType.values()) {
            List<String> types = settings().stream().filter(s -> s.appliesTo(t.resourceType())).map(Setting::type).toList();
            allOf.add(ruleSettings(NODES.objectNode().<ObjectNode>set("properties", NODES.objectNode().set("match",
                    ifProperty("resourceType", t.resourceType()))).set("required", array("match")), types));
        }
        for (Cloud cloud : Cloud.values()) {
            List<String> types = settings().stream().filter(s -> s.resourceTypes().stream()
                    .allMatch(r -> TargetType.of(r).map(TargetType::cloud).orElse(null) == cloud)).map(Setting::type).toList();
            allOf.add(ruleSettings(NODES.objectNode().<ObjectNode>set("properties", NODES.objectNode().set("match",
                    ifProperty("cloud", cloud.id()))).set("required", array("match")), types));
        }
        return allOf;
    }

    private static ObjectNode ruleSettings(ObjectNode when, List<String> types) {
        ObjectNode items = NODES.objectNode().set("properties", NODES.objectNode().set("type", enumOf(types)));
        ObjectNode settings = NODES.objectNode().set("items", items);
        ObjectNode then = NODES.objectNode().set("properties", NODES.objectNode().set("settings", settings));
        return NODES.objectNode().<ObjectNode>set("if", when).set("then", then);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private List<Setting<?>> settings() {
        return catalog.types().stream().<Setting<?>>map(t -> catalog.find(t).orElseThrow()).toList();
    }

    /** The definition's name: the catalog id in camel case, {@code aks-trusted-access} -> {@code aksTrustedAccess}. */
    private static String defName(Setting<?> s) {
        StringBuilder out = new StringBuilder();
        for (String part : s.type().split("-")) {
            out.append(out.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    private static ObjectNode ifType(String type) {
        return NODES.objectNode().set("if", ifProperty("type", type));
    }

    private static ObjectNode ifProperty(String name, String value) {
        return NODES.objectNode().<ObjectNode>set("properties", NODES.objectNode().set(name,
                NODES.objectNode().put("const", value))).set("required", array(name));
    }

    private static ObjectNode enumOf(java.util.Collection<String> values) {
        return NODES.objectNode().set("enum", array(values.toArray(String[]::new)));
    }

    private static ArrayNode array(String... values) {
        ArrayNode a = NODES.arrayNode();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    private static ObjectNode envelope(String name) {
        try (InputStream in = SchemaGenerator.class.getResourceAsStream(name + ".envelope.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ".envelope.json", e);
        }
    }

    /** Puts {@code value} where the envelope holds the placeholder {@code "generated"}. */
    private static void fill(ObjectNode doc, String pointer, JsonNode value) {
        JsonPointer at = JsonPointer.compile(pointer);
        requirePlaceholder(doc.at(at), pointer);
        ((ObjectNode) doc.at(at.head())).set(at.last().getMatchingProperty(), value);
    }

    private static void requirePlaceholder(JsonNode node, String pointer) {
        if (!GENERATED.equals(node.asText(null))) {
            throw new IllegalStateException("the envelope has no \"" + GENERATED + "\" placeholder at " + pointer);
        }
    }

    private static String pretty(JsonNode doc) {
        if (doc.toString().contains("\"" + GENERATED + "\"")) {
            throw new IllegalStateException("a \"" + GENERATED + "\" placeholder was left unfilled");
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.MAPPER.writer(printer).writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
