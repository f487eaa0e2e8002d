package io.trustbaseline.core.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a document so the caller learns all of them at once, not only the first. */
public final class Problems {
    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String rule, String message) {
        errors.add(new FieldError(field, rule, message));
    }

    public boolean isEmpty() { return errors.isEmpty(); }

    public List<FieldError> all() { return List.copyOf(errors); }

    /** Throws {@link InvalidInputException} with every problem collected, if there is any. */
    public void throwIfAny(String what) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(what, errors);
        }
    }
}
