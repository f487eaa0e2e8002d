package io.trustbaseline.core.baseline;

import io.trustbaseline.core.AppSettings;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * How long an exemption may run: {@code expires} at most {@code maxDays} after the day the baseline loads, so that
 * every accepted exception comes back for review. The maximum is the deployment's, not the baseline's, so the
 * document that grants an exemption cannot also lengthen it.
 */
public record ExemptionPolicy(int maxDays, Clock clock) {
    public static final String MAX_DAYS_VARIABLE = "TRUST_BASELINE_EXEMPTION_MAX_DAYS";
    public static final int DEFAULT_MAX_DAYS = 180;

    public ExemptionPolicy {
        if (maxDays < 1 || maxDays > 3650) {
            throw new IllegalArgumentException("exemption maximum must be 1-3650 days (was " + maxDays + ")");
        }
    }

    public static ExemptionPolicy standard() {
        return new ExemptionPolicy(DEFAULT_MAX_DAYS, Clock.systemUTC());
    }

    /** The maximum from {@value #MAX_DAYS_VARIABLE}, 180 days when unset. */
    public static ExemptionPolicy from(Map<String, String> environment) {
        String text = AppSettings.value(environment, MAX_DAYS_VARIABLE).orElse(null);
        if (text == null) {
            return standard();
        }
        try {
            return new ExemptionPolicy(Integer.parseInt(text), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(MAX_DAYS_VARIABLE + " must be a whole number of days, 1-3650 (was \""
                    + text + "\")", e);
        }
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDate latestExpiry() {
        return today().plusDays(maxDays);
    }
}
