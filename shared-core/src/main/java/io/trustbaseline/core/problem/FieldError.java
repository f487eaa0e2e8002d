package io.trustbaseline.core.problem;

/** One reason input was refused: the field (a path such as {@code settings[0].roles[1]}), the rule, a message. */
public record FieldError(String field, String rule, String message) {
}
