package io.trustbaseline.core.setting.contract;

import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.problem.Problems;

import java.util.List;
import java.util.Map;

/**
 * An item's fields after {@link ContractReader} checked them against the setting's {@link ItemContract}: a field
 * that broke a rule reads as absent (its default), and the error is already recorded at its path.
 */
public final class Checked {
    private final Fields fields;
    private final Map<String, Object> values;
    private final int problemsBefore;

    Checked(Fields fields, Map<String, Object> values, int problemsBefore) {
        this.fields = fields;
        this.values = Map.copyOf(values);
        this.problemsBefore = problemsBefore;
    }

    public String string(String field) { return (String) values.get(field); }

    public Integer integer(String field) { return (Integer) values.get(field); }

    /** A boolean field's value, its declared default when absent (false without one). */
    public boolean bool(String field) { return Boolean.TRUE.equals(values.get(field)); }

    @SuppressWarnings("unchecked")
    public List<String> strings(String field) { return (List<String>) values.getOrDefault(field, List.of()); }

    /** The checked objects of an array of objects (those that are objects), empty when absent. */
    @SuppressWarnings("unchecked")
    public List<Checked> objects(String field) { return (List<Checked>) values.getOrDefault(field, List.of()); }

    /** A nested object, null when absent or not an object. */
    public Checked object(String field) { return (Checked) values.get(field); }

    /** Whether the document gives the field (with a value other than null), valid or not. */
    public boolean given(String field) { return fields.has(field); }

    /** The path of one of the item's fields, such as {@code settings[0].name}. */
    public String at(String field) { return fields.at(field); }

    public String path() { return fields.path(); }

    public Problems problems() { return fields.problems(); }

    /** Whether no problem was recorded in this item (or object) so far: only then may it be built. */
    public boolean complete() { return fields.problems().all().size() == problemsBefore; }
}
