package io.trustbaseline.core.setting.contract;

import io.trustbaseline.core.request.Action;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a setting item (or of a guardrail), declared once: its name, JSON type, whether it is required, its
 * rules and its description. The generic reader ({@link ContractReader}) checks a document against it and the schema
 * generator ({@link SchemaGenerator}) publishes it, so the two cannot drift. Immutable: each {@code with}-style call
 * returns a new spec, as in {@code FieldSpec.string("name", "...").pattern(NAME, "1-24 letters").length(1, 24)}.
 *
 * @param requiredOn    the actions on which the field is required (the baseline always ensures); empty = optional
 * @param patternWords  the pattern's rule in words, quoted in the error message
 * @param ticketMessage non-null for a field only the baseline may set: a ticket may give it only with its default
 *                      value, and otherwise gets an {@code ownership} error with this message
 * @param schemaRef     a {@code $defs} entry of the published schema that states this field's shape (the setting's
 *                      {@code read} checks it)
 * @param ignoreCase    for a guardrail's globs: whether they match without case (ARM ids) or with case (ARNs, names)
 */
public record FieldSpec(String name, Kind kind, String description, Set<Action> requiredOn, Pattern pattern,
                        String patternWords, Integer minLength, Integer maxLength, Integer minItems, Integer maxItems,
                        List<String> enumValues, Object defaultValue, ItemContract nested, String ticketMessage,
                        String schemaRef, boolean ignoreCase) {

    /** The JSON shapes a field takes. */
    public enum Kind { STRING, BOOLEAN, INTEGER, STRINGS, OBJECT, OBJECTS }

    public FieldSpec {
        requiredOn = requiredOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredOn));
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }

    public static FieldSpec string(String name, String description) { return of(name, Kind.STRING, description); }

    public static FieldSpec bool(String name, String description) { return of(name, Kind.BOOLEAN, description); }

    public static FieldSpec integer(String name, String description) { return of(name, Kind.INTEGER, description); }

    /** An array of distinct strings. */
    public static FieldSpec strings(String name, String description) { return of(name, Kind.STRINGS, description); }

    /** A nested object with its own fields (no item-level {@code type}). */
    public static FieldSpec object(String name, String description, ItemContract nested) {
        return new FieldSpec(name, Kind.OBJECT, description, Set.of(), null, null, null, null, null, null, null, null,
                nested, null, null, false);
    }

    /** An array of objects, each with the fields of {@code nested}; {@link #items} bounds how many. */
    public static FieldSpec objects(String name, String description, ItemContract nested) {
        return new FieldSpec(name, Kind.OBJECTS, description, Set.of(), null, null, null, null, null, null, null, null,
                nested, null, null, false);
    }

    private static FieldSpec of(String name, Kind kind, String description) {
        return new FieldSpec(name, kind, description, Set.of(), null, null, null, null, null, null, null, null, null,
                null, null, false);
    }

    /** Required whatever the action. */
    public FieldSpec required() { return requiredOn(Action.values()); }

    /** Required only on these actions (e.g. a binding's roles on ensure, not on remove). */
    public FieldSpec requiredOn(Action... actions) {
        return new FieldSpec(name, kind, description, Set.of(actions), pattern, patternWords, minLength, maxLength,
                minItems, maxItems, enumValues, defaultValue, nested, ticketMessage, schemaRef, ignoreCase);
    }

    /** The string (or each string of the array) must match {@code pattern}, which {@code words} says in words. */
    public FieldSpec pattern(Pattern pattern, String words) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, words, minLength, maxLength, minItems,
                maxItems, enumValues, defaultValue, nested, ticketMessage, schemaRef, ignoreCase);
    }

    /** The string's (or each string's) length in characters. */
    public FieldSpec length(int min, int max) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, min, max, minItems, maxItems,
                enumValues, defaultValue, nested, ticketMessage, schemaRef, ignoreCase);
    }

    /** How many strings (or objects) the array holds. */
    public FieldSpec items(int min, int max) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, minLength, maxLength, min, max,
                enumValues, defaultValue, nested, ticketMessage, schemaRef, ignoreCase);
    }

    public FieldSpec oneOf(String... values) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, minLength, maxLength, minItems,
                maxItems, List.of(values), defaultValue, nested, ticketMessage, schemaRef, ignoreCase);
    }

    /** The value an absent field has. */
    public FieldSpec defaultValue(Object value) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, minLength, maxLength, minItems,
                maxItems, enumValues, value, nested, ticketMessage, schemaRef, ignoreCase);
    }

    /** Only the baseline sets the field; a ticket that does gets an {@code ownership} error saying {@code why}. */
    public FieldSpec baselineOnly(String why) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, minLength, maxLength, minItems,
                maxItems, enumValues, defaultValue, nested, why, schemaRef, ignoreCase);
    }

    /** The published schema states the field's shape by {@code #/$defs/<def>}; the setting's read checks it. */
    public FieldSpec schemaRef(String def) {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, minLength, maxLength, minItems,
                maxItems, enumValues, defaultValue, nested, ticketMessage, def, ignoreCase);
    }

    /** For a guardrail's globs: they match without case, as ARM compares ids. */
    public FieldSpec ignoringCase() {
        return new FieldSpec(name, kind, description, requiredOn, pattern, patternWords, minLength, maxLength, minItems,
                maxItems, enumValues, defaultValue, nested, ticketMessage, schemaRef, true);
    }

    public boolean requiredFor(Action action) { return requiredOn.contains(action); }
}
