package io.trustbaseline.core.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.RequestIds;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.ItemReader;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses a request document (ticket message, HTTP body, Lambda test event), schema version 1, strictly: unknown
 * fields, wrong types, missing fields, malformed ids and names that break the clouds' own rules are all reported
 * at once, each naming its field and rule ({@code events-samples/schema/request.schema.json}).
 */
public final class RequestParser {
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_SETTINGS = 50;
    private static final Pattern REQUESTED_BY = Pattern.compile("^[^\\p{Cntrl}]{1,256}$");

    private final Catalog catalog;
    private final ItemReader items;

    public RequestParser(Catalog catalog) {
        this.catalog = catalog;
        this.items = new ItemReader(catalog);
    }

    public Request parse(String json, Trigger trigger) {
        if (json == null || json.isBlank()) {
            throw InvalidInputException.of("request", "$", "required", "the request body is empty");
        }
        int size = sizeOf(json);
        if (size > MAX_BYTES) {
            throw InvalidInputException.of("request", "$", "max-size",
                    "the request is " + size + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        try {
            return parse(Json.MAPPER.readTree(json), trigger);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("request", "$", "json", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Whether a request body is past {@link #MAX_BYTES}, which {@link #parse(String, Trigger)} refuses. */
    public static boolean tooLarge(String json) {
        return json != null && sizeOf(json) > MAX_BYTES;
    }

    private static int sizeOf(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    public Request parse(JsonNode node, Trigger trigger) {
        Problems problems = new Problems();
        Fields doc = Fields.of(node, "", problems);
        problems.throwIfAny("request");

        Integer version = doc.integer("schemaVersion", true);
        if (version != null && version != 1) {
            problems.add("schemaVersion", "enum", "must be 1 (was " + version + ")");
        }
        String requestId = doc.string("requestId", true, RequestIds.FORMAT, RequestIds.RULE);
        String requestedBy = doc.string("requestedBy", true, REQUESTED_BY, "1-256 printable characters");
        Action action = readAction(doc, problems);
        boolean dryRun = doc.bool("dryRun", false);
        Target target = readTarget(doc.object("target", true), problems);
        Optional<List<SettingItem>> settings = readSettings(doc, action, target, problems);
        doc.rejectUnknown();
        problems.throwIfAny("request");
        return new Request(requestId, requestedBy, trigger, action, dryRun, target, settings);
    }

    private static Action readAction(Fields doc, Problems problems) {
        String text = doc.string("action", false);
        if (text == null) {
            return Action.ENSURE;
        }
        for (Action a : Action.values()) {
            if (a.id().equals(text)) {
                return a;
            }
        }
        problems.add("action", "enum", "must be ensure or remove (was \"" + text + "\")");
        return Action.ENSURE;
    }

    private Optional<List<SettingItem>> readSettings(Fields doc, Action action, Target target, Problems problems) {
        if (!doc.has("settings")) {
            if (action == Action.REMOVE) {
                problems.add("settings", "required", "remove must name the items to remove");
            }
            return Optional.empty();
        }
        List<JsonNode> nodes = doc.array("settings", false);
        if (doc.raw("settings").isArray() && (nodes.isEmpty() || nodes.size() > MAX_SETTINGS)) {
            problems.add("settings", "items", "must list 1-" + MAX_SETTINGS + " items, or be left out to apply the"
                    + " baseline (has " + nodes.size() + ")");
        }
        List<SettingItem> out = new ArrayList<>();
        java.util.Map<String, Integer> firstIndex = new java.util.HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "settings[" + i + "]";
            int index = i;
            items.read(nodes.get(i), at, action, GuardScope.REQUEST, problems).ifPresent(item -> {
                // one binding or service account asked twice would be written twice with values that fight;
                // names compare without case, as the stricter of the clouds (ARM) does
                Integer earlier = firstIndex.putIfAbsent(item.type() + "\u0000"
                        + item.name().toLowerCase(java.util.Locale.ROOT), index);
                if (earlier != null) {
                    problems.add(at, "duplicate", "settings[" + earlier + "] and settings[" + index + "] both ask for "
                            + item.type() + " \"" + item.name() + "\": ask once");
                }
                if (target != null && !catalog.settingOf(item).appliesTo(target.resourceType())) {
                    problems.add(at + ".type", "applies-to", item.type() + " applies to "
                            + String.join(", ", catalog.settingOf(item).resourceTypes())
                            + ", not to " + target.resourceType());
                }
                out.add(item);
            });
        }
        return Optional.of(out);
    }

    private Target readTarget(Fields t, Problems problems) {
        if (t == null) {
            return null;
        }
        boolean azure = t.has("azureResourceId");
        boolean arn = t.has("eksClusterArn");
        boolean eks = t.has("eksCluster");
        Target target = null;
        if ((azure ? 1 : 0) + (arn ? 1 : 0) + (eks ? 1 : 0) != 1) {
            problems.add("target", "one-of", "must have exactly one of azureResourceId, eksClusterArn, eksCluster");
        } else if (azure) {
            target = readAzureTarget(t, problems);
        } else if (arn) {
            String text = t.string("eksClusterArn", true);
            StringBuilder why = new StringBuilder();
            target = text == null ? null : EksClusterArn.tryParse(text, why).orElse(null);
            if (text != null && target == null) {
                problems.add("target.eksClusterArn", "arn", why.toString());
            }
        } else {
            target = readEksCluster(t.object("eksCluster", true), problems);
        }
        t.rejectUnknown();
        return target;
    }

    private AzureResourceId readAzureTarget(Fields t, Problems problems) {
        String text = t.string("azureResourceId", true);
        if (text == null) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        Optional<AzureResourceId> id = AzureResourceId.tryParse(text, why);
        if (id.isEmpty()) {
            problems.add("target.azureResourceId", "resource-id", why.toString());
            return null;
        }
        Optional<TargetType.NameRule> rule = TargetType.of(id.get().resourceType()).map(TargetType::nameRule);
        if (rule.isEmpty()) {
            problems.add("target.azureResourceId", "resource-type", id.get().resourceType()
                    + " is not a resource type trust-baseline manages");
            return null;
        }
        if (!rule.get().accepts(id.get().name())) {
            problems.add("target.azureResourceId", "name", "the name \"" + id.get().name() + "\" must be "
                    + rule.get().description());
            return null;
        }
        return id.get();
    }

    private static EksClusterArn readEksCluster(Fields c, Problems problems) {
        if (c == null) {
            return null;
        }
        String account = c.string("accountId", true, EksClusterArn.ACCOUNT, "12 digits");
        String region = c.string("region", true, EksClusterArn.REGION, "an AWS region such as eu-west-1");
        String name = c.string("name", true, EksClusterArn.CLUSTER_NAME,
                "1-100 letters, digits, '-' or '_', starting with a letter or digit");
        c.rejectUnknown();
        return account == null || region == null || name == null ? null : EksClusterArn.of(region, account, name);
    }
}
