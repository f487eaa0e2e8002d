package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** One item's outcome: {@code planned} is a dry run's would-be change; {@code blocked} needs a person. */
public enum ItemStatus {
    COMPLIANT, APPLIED, PLANNED, DEFERRED, BLOCKED, FAILED;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }

    Status asStatus() {
        return switch (this) {
            case COMPLIANT -> Status.COMPLIANT;
            case APPLIED -> Status.APPLIED;
            case PLANNED -> Status.PLANNED;
            case DEFERRED -> Status.DEFERRED;
            case BLOCKED, FAILED -> Status.FAILED;
        };
    }
}
