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

    /** An item a rule of the baseline gives, with that rule. */
    public record Given(Rule rule, SettingItem item) { }

    /**
     * Every item the rules give targets like {@code target} (tags aside), in rule order: what a request may not
     * change there, or the next sweep would flip it back.
     */
    public List<Given> givenTo(Target target) {
        List<Given> out = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.match().matchesIgnoringTags(target)) {
                rule.settings().forEach(item -> out.add(new Given(rule, item)));
            }
        }
        return out;
    }

    /**
     * The rule that already gives {@code item}'s type and name to targets like {@code target} (tags aside), if one
     * does.
     */
    public Optional<Rule> ruleGiving(SettingItem item, Target target) {
        return givenTo(target).stream()
                .filter(g -> g.item().type().equals(item.type()) && g.item().name().equalsIgnoreCase(item.name()))
                .map(Given::rule)
                .findFirst();
    }

    /**
     * The settings of every rule that matches, in rule order. When two rules give an item of the same type and name,
     * the first rule wins: the baseline reads top-down, like a firewall.
     */
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
