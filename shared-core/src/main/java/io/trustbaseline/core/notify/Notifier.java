package io.trustbaseline.core.notify;

import io.trustbaseline.core.report.Report;

/** Tells people about a report's items that need them; off unless the deployment configures a webhook. */
@FunctionalInterface
public interface Notifier {
    Notifier NONE = report -> { };

    /** Never throws: a notification that cannot be sent must not change the report or its delivery. */
    void notify(Report report);
}
