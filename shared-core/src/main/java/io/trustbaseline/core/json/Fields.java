package io.trustbaseline.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.problem.Problems;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A strict reader of one JSON object: each read names the field by its path, wrong types and missing fields are
 * recorded in {@link Problems} (reading goes on, so every problem is reported), and {@link #rejectUnknown} records
 * every field nobody asked for.
 */
public final class Fields {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new HashSet<>();

    private Fields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A reader of {@code node}, or null (with a problem recorded) when it is not an object. */
    public static Fields of(JsonNode node, String path, Problems problems) {
        if (node == null || !node.isObject()) {
            problems.add(path.isEmpty() ? "$" : path, "type", "must be an object");
            return null;
        }
        return new Fields(node, path, problems);
    }

    public String path() { return path; }

    public Problems problems() { return problems; }

    public String at(String field) { return path.isEmpty() ? field : path + "." + field; }

    public boolean has(String field) {
        known.add(field);
        return node.has(field) && !node.get(field).isNull();
    }

    public JsonNode raw(String field) {
        known.add(field);
        return node.get(field);
    }

    public String string(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(at(field), "required", "is required");
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at(field), "type", "must be a string");
            return null;
        }
        return v.textValue();
    }

    /** A required or optional string that must match {@code pattern}; {@code rule} says the rule in words. */
    public String string(String field, boolean required, Pattern pattern, String rule) {
        String v = string(field, required);
        if (v != null && !pattern.matcher(v).matches()) {
            problems.add(at(field), "pattern", "must be " + rule + " (was \"" + abbreviate(v) + "\")");
            return null;
        }
        return v;
    }

    public boolean bool(String field, boolean defaultValue) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            problems.add(at(field), "type", "must be true or false");
            return defaultValue;
        }
        return v.booleanValue();
    }

    public Integer integer(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(at(field), "required", "is required");
            return null;
        }
        if (!v.isIntegralNumber()) {
            problems.add(at(field), "type", "must be a whole number");
            return null;
        }
        if (!v.canConvertToInt()) {
            // intValue() would wrap 4294967297 to 1: refuse instead of reading another number than was written
            problems.add(at(field), "range", "must be a whole number between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE + " (was " + abbreviate(v.asText()) + ")");
            return null;
        }
        return v.intValue();
    }

    /** A string list; each element is checked against {@code pattern} when it is given. */
    public List<String> strings(String field, boolean required, int max, Pattern pattern, String rule) {
        return strings(field, required, max, pattern, rule, v -> null);
    }

    /**
     * A string list whose elements are also checked by {@code lengthRule}: it returns why an element's length is
     * wrong (recorded as {@code length}), or null.
     */
    public List<String> strings(String field, boolean required, int max, Pattern pattern, String rule,
                                Function<String, String> lengthRule) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(at(field), "required", "is required");
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(at(field), "type", "must be an array of strings");
            return List.of();
        }
        if (v.size() > max) {
            problems.add(at(field), "max-items", "must have at most " + max + " items (has " + v.size() + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String at = at(field) + "[" + i + "]";
            if (!e.isTextual()) {
                problems.add(at, "type", "must be a string");
            } else if (pattern != null && !pattern.matcher(e.textValue()).matches()) {
                problems.add(at, "pattern", "must be " + rule + " (was \"" + abbreviate(e.textValue()) + "\")");
            } else if (lengthRule.apply(e.textValue()) != null) {
                problems.add(at, "length", lengthRule.apply(e.textValue()));
            } else if (out.contains(e.textValue())) {
                problems.add(at, "unique", "repeats \"" + abbreviate(e.textValue()) + "\"");
            } else {
                out.add(e.textValue());
            }
        }
        return List.copyOf(out);
    }

    /** A map of strings to strings, such as tags. */
    public Map<String, String> stringMap(String field) {
        JsonNode v = raw(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            problems.add(at(field), "type", "must be an object of strings");
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                problems.add(at(field) + "." + e.getKey(), "type", "must be a string");
            }
        });
        return out;
    }

    /** A nested object, or null when absent (recorded as a problem when required). */
    public Fields object(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(at(field), "required", "is required");
            return null;
        }
        return of(v, at(field), problems);
    }

    /** The elements of an array field (empty when absent or not an array; a problem is recorded for the latter). */
    public List<JsonNode> array(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) problems.add(at(field), "required", "is required");
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(at(field), "type", "must be an array");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** Records every field of the object that no read asked for. Call after all reads. */
    public void rejectUnknown() {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(at(name), "unknown-field", "is not a known field");
            }
        });
    }

    /** A value quoted in a message: secrets redacted first, so that cutting it short cannot hide one's shape. */
    public static String abbreviate(String value) {
        String s = io.trustbaseline.core.report.Redaction.scrub(value);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
