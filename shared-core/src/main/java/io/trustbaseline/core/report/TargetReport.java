package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The outcome for one target; {@code error} is set when the target itself could not be read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetReport(String target, Status status, String message, List<ItemReport> items, ItemError error) {
    public TargetReport {
        items = List.copyOf(items);
    }

    public static TargetReport of(String target, String message, List<ItemReport> items) {
        Status status = items.isEmpty() ? Status.COMPLIANT
                : Status.rollUp(items.stream().map(i -> i.status().asStatus()).toList());
        return new TargetReport(target, status, message, items, null);
    }

    public boolean retryable() {
        return status == Status.DEFERRED
                || (error != null && error.isTransient())
                || items.stream().anyMatch(i -> i.status() == ItemStatus.DEFERRED
                        || (i.error() != null && i.error().isTransient()));
    }
}
