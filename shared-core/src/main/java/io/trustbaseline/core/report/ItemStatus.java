package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * One item's outcome: {@code planned} is a dry run's would-be change; {@code blocked} needs a person;
 * {@code exempt} was observed but not enforced, under an exemption in force (it rolls up as compliant: an accepted
 * exception leaves nothing to do).
 */
public enum ItemStatus {
    COMPLIANT, APPLIED, PLANNED, DEFERRED, BLOCKED, FAILED, EXEMPT;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }

    Status asStatus() {
        return switch (this) {
            case COMPLIANT, EXEMPT -> Status.COMPLIANT;
            case APPLIED -> Status.APPLIED;
            case PLANNED -> Status.PLANNED;
            case DEFERRED -> Status.DEFERRED;
            case BLOCKED, FAILED -> Status.FAILED;
        };
    }
}
