package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.target.Target;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The organisation's baseline: rules of settings per kind of target, the guardrails for requests, and the accepted
 * exceptions to the rules, each with an expiry.
 */
public record Baseline(int version, List<Rule> rules, Guardrails guardrails, List<Exemption> exemptions) {

    public Baseline {
        rules = List.copyOf(rules);
        exemptions = List.copyOf(exemptions);
    }

    public static Baseline empty() {
        return new Baseline(1, List.of(), Guardrails.denyAll(), List.of());
    }

    /**
     * The exemption that decides how {@code item} is treated on {@code today}: one in force if any covers it,
     * otherwise the latest lapsed one (so the report can say the item is enforced again), otherwise none.
     */
    public Optional<Exemption> exemptionFor(Target target, Map<String, String> tags, SettingItem item, LocalDate today) {
        List<Exemption> covering = exemptions.stream().filter(e -> e.covers(target, tags, item)).toList();
        return covering.stream().filter(e -> e.inForceOn(today)).findFirst()
                .or(() -> covering.stream().max(Comparator.comparing(Exemption::expires)));
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
