package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.trustbaseline.core.setting.PlanAction;

/** What happened to one setting item: the plan's action, the outcome, and the state before and after. */
public record ItemReport(String setting, String name, PlanAction action, ItemStatus status, String message,
                         Object before, Object after,
                         @JsonInclude(JsonInclude.Include.NON_NULL) ItemError error) {
}
