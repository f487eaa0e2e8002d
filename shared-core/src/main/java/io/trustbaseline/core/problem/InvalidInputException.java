package io.trustbaseline.core.problem;

import java.util.List;
import java.util.stream.Collectors;

/** A request, baseline or event that breaks the contract, with every problem found in it. */
public class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInputException(String what, List<FieldError> errors) {
        super(what + " is invalid: " + errors.stream()
                .map(e -> e.field() + ": " + e.message() + " [" + e.rule() + "]")
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String what, String field, String rule, String message) {
        return new InvalidInputException(what, List.of(new FieldError(field, rule, message)));
    }

    public List<FieldError> errors() { return errors; }
}
