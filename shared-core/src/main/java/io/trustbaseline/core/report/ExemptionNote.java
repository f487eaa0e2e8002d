package io.trustbaseline.core.report;

import io.trustbaseline.core.baseline.Exemption;

import java.time.LocalDate;

/**
 * The exemption behind an item's treatment, as reported: in force (the item is {@code exempt}, not written) or
 * {@code lapsed} (its expiry has passed and the item is enforced again). {@code expires} is an ISO date.
 */
public record ExemptionNote(String name, String reason, String ticket, String expires, boolean lapsed) {

    public static ExemptionNote of(Exemption exemption, LocalDate today) {
        return new ExemptionNote(exemption.name(), exemption.reason(), exemption.ticket(), exemption.expires().toString(),
                !exemption.inForceOn(today));
    }

    /** What the report says about it, in words. */
    public String describe() {
        return lapsed
                ? "exemption " + name + " (" + ticket + ") lapsed after " + expires + ": enforced again"
                : "exempt until " + expires + " by " + ticket + " (" + reason + ")";
    }
}
