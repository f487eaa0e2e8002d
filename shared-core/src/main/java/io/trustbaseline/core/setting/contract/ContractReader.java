package io.trustbaseline.core.setting.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.GuardScope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks one object against an {@link ItemContract}: types, required fields, enums, patterns, lengths, item counts,
 * uniqueness, the fields only the baseline sets and the cross-field rules, recording each break as a FieldError at
 * the field's path. What it checks is exactly what {@link SchemaGenerator} publishes.
 */
public final class ContractReader {
    private ContractReader() { }

    /**
     * Reads the declared fields of {@code fields} ({@code where}: a ticket's item or the baseline's). Unknown fields
     * are left to the caller's {@link Fields#rejectUnknown()}, which runs after the setting read the item.
     */
    public static Checked read(ItemContract contract, Fields fields, Action action, GuardScope where) {
        int before = fields.problems().all().size();
        Map<String, Object> values = new HashMap<>();
        for (FieldSpec spec : contract.fields()) {
            Object value = read(spec, fields, action, where);
            if (value != null) {
                values.put(spec.name(), value);
            }
        }
        contract.rules().forEach(rule -> check(rule, fields, values, action));
        return new Checked(fields, values, before);
    }

    private static Object read(FieldSpec spec, Fields f, Action action, GuardScope where) {
        boolean required = spec.requiredFor(action);
        String name = spec.name();
        Object value = switch (spec.kind()) {
            case STRING -> string(spec, f, required);
            case BOOLEAN -> f.bool(name, Boolean.TRUE.equals(spec.defaultValue()));
            case INTEGER -> f.integer(name, required);
            case STRINGS -> strings(spec, f, required);
            case OBJECT -> object(spec, f, action, where, required);
            case OBJECTS -> objects(spec, f, action, where, required);
        };
        if (spec.ticketMessage() != null && where == GuardScope.REQUEST && f.has(name)
                && !Objects.equals(value, spec.defaultValue())) {
            f.problems().add(f.at(name), "ownership", spec.ticketMessage());
            return spec.defaultValue();
        }
        return value;
    }

    private static String string(FieldSpec spec, Fields f, boolean required) {
        String name = spec.name();
        String v = spec.pattern() == null ? f.string(name, required)
                : f.string(name, required, spec.pattern(), spec.patternWords());
        if (v == null) {
            return f.has(name) ? null : (String) spec.defaultValue();
        }
        if (spec.enumValues() != null && !spec.enumValues().contains(v)) {
            f.problems().add(f.at(name), "enum", "must be one of " + String.join(", ", spec.enumValues())
                    + " (was \"" + Fields.abbreviate(v) + "\")");
            return null;
        }
        String lengthProblem = lengthProblem(spec, v);
        if (lengthProblem != null) {
            f.problems().add(f.at(name), tooLong(spec, v) ? "max-length" : "min-length", lengthProblem);
            return null;
        }
        return v;
    }

    private static List<String> strings(FieldSpec spec, Fields f, boolean required) {
        String name = spec.name();
        int max = spec.maxItems() == null ? Integer.MAX_VALUE : spec.maxItems();
        List<String> values = f.strings(name, required, max, spec.pattern(), spec.patternWords(),
                v -> lengthProblem(spec, v));
        itemCount(spec, f, f.raw(name));
        return values;
    }

    private static Checked object(FieldSpec spec, Fields f, Action action, GuardScope where, boolean required) {
        Fields nested = f.object(spec.name(), required);
        if (nested == null) {
            return null;
        }
        Checked checked = read(spec.nested(), nested, action, where);
        nested.rejectUnknown();
        return checked;
    }

    private static List<Checked> objects(FieldSpec spec, Fields f, Action action, GuardScope where, boolean required) {
        List<JsonNode> nodes = f.array(spec.name(), required);
        itemCount(spec, f, f.raw(spec.name()));
        List<Checked> out = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Fields element = Fields.of(nodes.get(i), f.at(spec.name()) + "[" + i + "]", f.problems());
            if (element != null) {
                out.add(read(spec.nested(), element, action, where));
                element.rejectUnknown();
            }
        }
        return List.copyOf(out);
    }

    /** The item counts of an array field, when it is one. */
    private static void itemCount(FieldSpec spec, Fields f, JsonNode raw) {
        if (raw == null || !raw.isArray()) {
            return;
        }
        if (spec.minItems() != null && raw.size() < spec.minItems()) {
            f.problems().add(f.at(spec.name()), "min-items", "must have at least " + spec.minItems()
                    + (spec.minItems() == 1 ? " item" : " items"));
        }
        if (spec.kind() == FieldSpec.Kind.OBJECTS && spec.maxItems() != null && raw.size() > spec.maxItems()) {
            f.problems().add(f.at(spec.name()), "max-items", "must have at most " + spec.maxItems() + " items (has "
                    + raw.size() + ")");
        }
    }

    private static String lengthProblem(FieldSpec spec, String v) {
        int min = spec.minLength() == null ? 0 : spec.minLength();
        int max = spec.maxLength() == null ? Integer.MAX_VALUE : spec.maxLength();
        if (v.length() >= min && v.length() <= max) {
            return null;
        }
        return "must be " + min + "-" + max + " characters (has " + v.length() + ")";
    }

    private static boolean tooLong(FieldSpec spec, String v) {
        return spec.maxLength() != null && v.length() > spec.maxLength();
    }

    private static void check(ItemContract.CrossRule rule, Fields f, Map<String, Object> values, Action action) {
        Problems problems = f.problems();
        switch (rule.kind()) {
            case REQUIRES -> {
                Object v = values.get(rule.field());
                boolean given = v instanceof Boolean b ? b : f.has(rule.field());
                if (given && !f.has(rule.others().get(0))) {
                    problems.add(f.at(rule.field()), rule.rule(), rule.message());
                }
            }
            case REQUIRES_TRUE -> {
                if (f.has(rule.field()) && !Boolean.TRUE.equals(values.get(rule.others().get(0)))) {
                    problems.add(f.at(rule.field()), rule.rule(), rule.message());
                }
            }
            case EXACTLY_ONE -> {
                if (rule.onlyOn() == null || rule.onlyOn() == action) {
                    long given = rule.others().stream().filter(f::has).count();
                    if (given != 1) {
                        problems.add(f.path(), rule.rule(), rule.message());
                    }
                }
            }
            case REQUIRED_WHEN, FORBIDDEN_WHEN -> {
                if (rule.value().equals(values.get(rule.field()))) {
                    String other = rule.others().get(0);
                    JsonNode raw = f.raw(other);
                    boolean given = f.has(other) && !(raw.isArray() && raw.isEmpty());
                    if (given == (rule.kind() == ItemContract.CrossRule.Kind.FORBIDDEN_WHEN)) {
                        problems.add(f.at(other), rule.rule(), rule.message());
                    }
                }
            }
            case AT_LEAST_ONE -> {
                if ((rule.onlyOn() == null || rule.onlyOn() == action) && rule.others().stream().noneMatch(f::has)) {
                    problems.add(f.at(rule.field()), rule.rule(), rule.message());
                }
            }
        }
    }
}
