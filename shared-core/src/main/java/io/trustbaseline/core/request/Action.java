package io.trustbaseline.core.request;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** {@code ensure} makes the settings hold; {@code remove} takes named items away, each confirmed by name. */
public enum Action {
    ENSURE, REMOVE;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
