package io.trustbaseline.core.setting.contract;

import io.trustbaseline.core.request.Action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a setting's items look like, declared once by the setting: a description, its fields, the rules between
 * fields that JSON Schema states too, and the baseline guardrails the setting reads. Immutable and fluent:
 * <pre>{@code
 * ItemContract.of("An AKS Trusted Access role binding ...",
 *         FieldSpec.string("name", "Binding name ...").pattern(NAME, "1-24 letters, digits or '-'").length(1, 24),
 *         FieldSpec.bool("adopt", "...").defaultValue(false).baselineOnly("only the baseline adopts ..."))
 *     .requires("adopt", "name", "requires-name", "adopt takes over an existing binding: name it")
 *     .guardrails(TRUSTED_ACCESS_SOURCES, TRUSTED_ACCESS_ROLES);
 * }</pre>
 */
public record ItemContract(String description, List<FieldSpec> fields, List<CrossRule> rules,
                           List<FieldSpec> guardrails) {

    /**
     * A rule between two or more fields of one item, as JSON Schema states it.
     *
     * @param kind    REQUIRES: when {@code field} is given (a boolean: is true), {@code others} must be given
     *                (dependentRequired); REQUIRES_TRUE: when {@code field} is given, the boolean {@code others[0]} must
     *                be true (dependentSchemas); EXACTLY_ONE: exactly one of {@code others} is given (oneOf), recorded
     *                at the item; AT_LEAST_ONE: one of {@code others} is given (anyOf), recorded at {@code field}
     *                REQUIRED_WHEN / FORBIDDEN_WHEN: when the string {@code field} is {@code value}, {@code others[0]}
     *                must be given (an array: not empty) / must not be (an array: must be empty), recorded at it
     * @param onlyOn  the action the rule holds on, or null for every action
     */
    public record CrossRule(Kind kind, String field, List<String> others, String value, Action onlyOn, String rule,
                            String message) {
        public enum Kind { REQUIRES, REQUIRES_TRUE, EXACTLY_ONE, AT_LEAST_ONE, REQUIRED_WHEN, FORBIDDEN_WHEN }

        public CrossRule {
            others = List.copyOf(others);
        }
    }

    public ItemContract {
        fields = List.copyOf(fields);
        rules = List.copyOf(rules);
        guardrails = List.copyOf(guardrails);
    }

    public static ItemContract of(String description, FieldSpec... fields) {
        return new ItemContract(description, List.of(fields), List.of(), List.of());
    }

    /** When {@code field} is given (or true), {@code other} must be given too. */
    public ItemContract requires(String field, String other, String rule, String message) {
        return with(new CrossRule(CrossRule.Kind.REQUIRES, field, List.of(other), null, null, rule, message));
    }

    /** When {@code field} is given, the boolean {@code other} must be true. */
    public ItemContract requiresTrue(String field, String other, String rule, String message) {
        return with(new CrossRule(CrossRule.Kind.REQUIRES_TRUE, field, List.of(other), null, null, rule, message));
    }

    /** On {@code action}, exactly one of {@code fields} is given. */
    public ItemContract exactlyOneOn(Action action, String rule, String message, String... fields) {
        return with(new CrossRule(CrossRule.Kind.EXACTLY_ONE, null, List.of(fields), null, action, rule, message));
    }

    /** On {@code action}, at least one of {@code fields} is given; the error is recorded at the first of them. */
    public ItemContract atLeastOneOn(Action action, String rule, String message, String... fields) {
        return with(new CrossRule(CrossRule.Kind.AT_LEAST_ONE, fields[0], List.of(fields), null, action, rule, message));
    }

    /** When the string {@code field} is {@code value}, {@code other} must be given (an array: not empty). */
    public ItemContract requiredWhen(String field, String value, String other, String rule, String message) {
        return with(new CrossRule(CrossRule.Kind.REQUIRED_WHEN, field, List.of(other), value, null, rule, message));
    }

    /** When the string {@code field} is {@code value}, {@code other} must not be given (an array: must be empty). */
    public ItemContract forbiddenWhen(String field, String value, String other, String rule, String message) {
        return with(new CrossRule(CrossRule.Kind.FORBIDDEN_WHEN, field, List.of(other), value, null, rule, message));
    }

    /** The baseline guardrails the setting reads (see {@link io.trustbaseline.core.baseline.Guardrails}). */
    public ItemContract guardrails(FieldSpec... keys) {
        return new ItemContract(description, fields, rules, List.of(keys));
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private ItemContract with(CrossRule rule) {
        List<CrossRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ItemContract(description, fields, more, guardrails);
    }
}
