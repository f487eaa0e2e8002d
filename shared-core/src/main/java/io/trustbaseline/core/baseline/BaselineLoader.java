package io.trustbaseline.core.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.GuardScope;
import io.trustbaseline.core.setting.ItemReader;
import io.trustbaseline.core.setting.Setting;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.contract.Checked;
import io.trustbaseline.core.setting.contract.ContractReader;
import io.trustbaseline.core.setting.contract.FieldSpec;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.TargetType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads the baseline YAML strictly: a document that does not parse, breaks the schema or contradicts itself
 * (a setting on a resource type it does not apply to, AWS match fields on an Azure rule, a forbidden policy)
 * fails here, with every problem and where it is.
 */
public final class BaselineLoader {
    private static final Pattern RULE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private final Catalog catalog;
    private final ItemReader items;
    private final ExemptionReader exemptions;

    public BaselineLoader(Catalog catalog) {
        this(catalog, ExemptionPolicy.standard());
    }

    public BaselineLoader(Catalog catalog, ExemptionPolicy exemptionPolicy) {
        this.catalog = catalog;
        this.items = new ItemReader(catalog);
        this.exemptions = new ExemptionReader(catalog, exemptionPolicy);
    }

    public Baseline load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("baseline: cannot read " + file, e);
        }
    }

    public Baseline parse(String yaml) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "$" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw InvalidInputException.of("baseline", where, "yaml", e.getOriginalMessage());
        }
        Problems problems = new Problems();
        Fields doc = Fields.of(root, "", problems);
        if (doc == null) {
            problems.throwIfAny("baseline");
        }
        Integer version = doc.integer("version", true);
        if (version != null && version != 1) {
            problems.add("version", "enum", "must be 1 (was " + version + ")");
        }
        Guardrails guardrails = readGuardrails(doc.object("guardrails", false), catalog);
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> ruleNodes = doc.array("rules", true);
        for (int i = 0; i < ruleNodes.size(); i++) {
            String at = "rules[" + i + "]";
            readRule(ruleNodes.get(i), at, guardrails, problems).ifPresent(rule -> {
                if (!names.add(rule.name())) {
                    problems.add(at + ".name", "unique", "another rule is named \"" + rule.name() + "\"");
                }
                rules.add(rule);
            });
        }
        checkConsistent(rules, problems);
        List<Exemption> exempt = exemptions.read(doc.array("exemptions", false), problems);
        doc.rejectUnknown();
        problems.throwIfAny("baseline");
        return new Baseline(1, rules, guardrails, exempt);
    }

    private Optional<Rule> readRule(JsonNode node, String at, Guardrails guardrails, Problems problems) {
        Fields rule = Fields.of(node, at, problems);
        if (rule == null) {
            return Optional.empty();
        }
        String name = rule.string("name", true, RULE_NAME, "1-64 letters, digits, '.', '_' or '-'");
        Match match = readMatch(rule.object("match", false), rule.at("match"), problems);
        List<SettingItem> settings = new ArrayList<>();
        List<JsonNode> itemNodes = rule.array("settings", true);
        if (itemNodes.isEmpty() && rule.has("settings")) {
            problems.add(rule.at("settings"), "min-items", "must list at least one setting");
        }
        for (int i = 0; i < itemNodes.size(); i++) {
            String itemAt = rule.at("settings") + "[" + i + "]";
            items.read(itemNodes.get(i), itemAt, Action.ENSURE, GuardScope.BASELINE, problems).ifPresent(item -> {
                checkApplies(item, match, itemAt, problems);
                guard(catalog.settingOf(item), item, guardrails, itemAt, problems);
                settings.add(item);
            });
        }
        rule.rejectUnknown();
        return name == null || match == null ? Optional.empty() : Optional.of(new Rule(name, match, settings));
    }

    /**
     * Two rules that give the same item (type and name, such as one binding name) different values would fight over
     * a target both match: each run would flip it. Whether two rules' globs can meet is not decidable cheaply, so an
     * item name (of the settings whose items have names: bindings, service accounts) means one thing in the whole
     * baseline.
     */
    private void checkConsistent(List<Rule> rules, Problems problems) {
        Map<String, String> firstAt = new java.util.HashMap<>();
        Map<String, SettingItem> first = new java.util.HashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            List<SettingItem> settings = rules.get(r).settings();
            for (int i = 0; i < settings.size(); i++) {
                SettingItem item = settings.get(i);
                if (!catalog.settingOf(item).removable()) {
                    continue;
                }
                String key = item.type() + "\u0000" + item.name().toLowerCase(java.util.Locale.ROOT);
                String at = "rules[" + r + "].settings[" + i + "]";
                SettingItem earlier = first.putIfAbsent(key, item);
                if (earlier != null && !earlier.equals(item)) {
                    problems.add(at, "conflicting-items", item.type() + " \"" + item.name() + "\" is also given by "
                            + firstAt.get(key) + " (rule " + rules.get(r).name() + " differs): one name must mean one"
                            + " thing in the whole baseline");
                } else {
                    firstAt.putIfAbsent(key, at + " (rule " + rules.get(r).name() + ")");
                }
            }
        }
    }

    private static <I extends SettingItem> void guard(Setting<I> setting, SettingItem item, Guardrails guardrails,
                                                      String at, Problems problems) {
        setting.guard(setting.itemType().cast(item), guardrails, GuardScope.BASELINE, null, at, problems);
    }

    private void checkApplies(SettingItem item, Match match, String at, Problems problems) {
        Set<String> types = catalog.settingOf(item).resourceTypes();
        if (match.resourceType() != null && !match.resourceType().contains("*") && !match.resourceType().contains("?")
                && !catalog.settingOf(item).appliesTo(match.resourceType())) {
            problems.add(at + ".type", "applies-to", item.type() + " applies to " + String.join(", ", types)
                    + ", not to the rule's resourceType " + match.resourceType());
        }
        if (match.cloud() != null) {
            boolean aws = types.stream().allMatch(t -> TargetType.of(t).map(TargetType::cloud).orElse(null) == Cloud.AWS);
            if ((match.cloud() == Cloud.AWS) != aws) {
                problems.add(at + ".type", "applies-to", item.type() + " is not a setting for " + match.cloud().id()
                        + " targets");
            }
        }
    }

    static Match readMatch(Fields m, String at, Problems problems) {
        if (m == null) {
            return new Match(null, null, List.of(), List.of(), List.of(), Map.of());
        }
        String cloudText = m.string("cloud", false);
        Cloud cloud = null;
        if (cloudText != null) {
            switch (cloudText) {
                case "azure" -> cloud = Cloud.AZURE;
                case "aws" -> cloud = Cloud.AWS;
                default -> problems.add(m.at("cloud"), "enum", "must be azure or aws (was \"" + cloudText + "\")");
            }
        }
        String resourceType = m.string("resourceType", false);
        List<String> subscriptions = m.strings("subscriptions", false, 1000, null, null);
        List<String> resourceGroups = m.strings("resourceGroups", false, 1000, null, null);
        List<String> accounts = m.strings("accounts", false, 1000, null, null);
        List<String> regions = m.strings("regions", false, 1000, null, null);
        List<String> names = m.strings("names", false, 1000, null, null);
        Map<String, String> tags = m.stringMap("tags");
        boolean azureFields = !subscriptions.isEmpty() || !resourceGroups.isEmpty();
        boolean awsFields = !accounts.isEmpty() || !regions.isEmpty();
        if (azureFields && awsFields) {
            problems.add(at, "contradiction", "subscriptions/resourceGroups (Azure) and accounts/regions (AWS) cannot both be given");
        } else if (cloud == Cloud.AZURE && awsFields) {
            problems.add(at, "contradiction", "an azure rule cannot match accounts or regions");
        } else if (cloud == Cloud.AWS && azureFields) {
            problems.add(at, "contradiction", "an aws rule cannot match subscriptions or resource groups");
        }
        m.rejectUnknown();
        return new Match(cloud, resourceType, awsFields ? accounts : subscriptions, awsFields ? regions : resourceGroups,
                names, tags);
    }

    /** The guardrails section, read through the keys the catalog's settings declare (and the global ones). */
    private static Guardrails readGuardrails(Fields g, Catalog catalog) {
        if (g == null) {
            return Guardrails.denyAll();
        }
        List<FieldSpec> keys = catalog.guardrailKeys();
        Checked checked = ContractReader.read(catalog.guardrailsContract(), g, Action.ENSURE, GuardScope.BASELINE);
        Map<String, List<String>> globs = new java.util.HashMap<>();
        Map<String, String> values = new java.util.HashMap<>();
        for (FieldSpec key : keys) {
            if (key.kind() == FieldSpec.Kind.STRINGS && checked.given(key.name())) {
                globs.put(key.name(), checked.strings(key.name()));
            } else if (key.kind() == FieldSpec.Kind.STRING && checked.string(key.name()) != null) {
                values.put(key.name(), checked.string(key.name()));
            }
        }
        g.rejectUnknown();
        return new Guardrails(globs, values);
    }
}
