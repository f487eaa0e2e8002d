package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.trustbaseline.core.setting.PlanAction;

/**
 * What happened to one setting item: the plan's action, the outcome, the state before and after, and the exemption
 * that applied, if any.
 */
public record ItemReport(String setting, String name, PlanAction action, ItemStatus status, String message,
                         Object before, Object after,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ItemError error,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ExemptionNote exemption) {

    public ItemReport(String setting, String name, PlanAction action, ItemStatus status, String message,
                      Object before, Object after, ItemError error) {
        this(setting, name, action, status, message, before, after, error, null);
    }

    /** This outcome under a lapsed exemption: the message says so first. */
    public ItemReport lapsed(ExemptionNote note) {
        return new ItemReport(setting, name, action, status, note.describe() + "; " + message, before, after, error,
                note);
    }
}
