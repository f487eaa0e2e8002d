package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.target.Target;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The organisation's baseline: rules of settings per kind of target, and the guardrails for requests. */
public record Baseline(int version, List<Rule> rules, Guardrails guardrails) {

    public Baseline {
        rules = List.copyOf(rules);
    }

    public static Baseline empty() {
        return new Baseline(1, List.of(), Guardrails.denyAll());
    }

    /**
     * The settings of every rule that matches, in rule order. When two rules give an item of the same type and name,
     * the first rule wins: the baseline reads top-down, like a firewall.
     */
    /**
     * The rule that already gives {@code item}'s type and name to targets like {@code target} (tags aside), if one
     * does: a request may not ask for what the baseline manages, or the next sweep would flip it back.
     */
    public java.util.Optional<Rule> ruleGiving(SettingItem item, Target target) {
        return rules.stream()
                .filter(rule -> rule.match().matchesIgnoringTags(target))
                .filter(rule -> rule.settings().stream().anyMatch(s -> s.type().equals(item.type())
                        && s.name().equalsIgnoreCase(item.name())))
                .findFirst();
    }

    public List<SettingItem> settingsFor(Target target, Map<String, String> tags) {
        List<SettingItem> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            if (rule.match().matches(target, tags)) {
                rule.settings().stream()
                        .filter(item -> seen.add(item.type() + "\u0000" + item.name()))
                        .forEach(out::add);
            }
        }
        return out;
    }
}
