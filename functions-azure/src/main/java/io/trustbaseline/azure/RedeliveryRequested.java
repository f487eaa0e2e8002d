package io.trustbaseline.azure;

/**
 * Thrown by an entry point so that its trigger delivers the message again (Event Grid retries, the queue's
 * visibility timeout): a target not ready yet, or a cloud that kept failing transiently. Carries the report(s) of
 * this attempt, which were also logged.
 */
public final class RedeliveryRequested extends RuntimeException {
    private final String reportJson;

    public RedeliveryRequested(String why, String reportJson) {
        super(why, null, false, false);
        this.reportJson = reportJson;
    }

    /** This attempt's report, or the JSON array of reports for an array of events. */
    public String reportJson() { return reportJson; }
}
