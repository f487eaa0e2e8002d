package io.trustbaseline.core.target;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The cloud a target lives in. */
public enum Cloud {
    AZURE, AWS;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
