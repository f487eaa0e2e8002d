package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collection;
import java.util.Locale;

/**
 * A request's or a target's outcome. {@code planned} (a dry run that would change something) and {@code ignored} (an
 * event that asks nothing of trust-baseline: another resource type, a failed write, a sub-resource) extend the
 * design's list; the others are as designed.
 */
public enum Status {
    COMPLIANT, APPLIED, PLANNED, DEFERRED, REJECTED, FAILED, PARTIAL, IGNORED;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /**
     * The outcome of several parts: all rejected is rejected; failures with successes are partial, all failures
     * failed; otherwise deferred wins over applied, applied over planned, planned over compliant; only ignored parts
     * are ignored.
     */
    public static Status rollUp(Collection<Status> parts) {
        if (!parts.isEmpty() && parts.stream().allMatch(s -> s == REJECTED)) {
            return REJECTED;
        }
        boolean bad = parts.stream().anyMatch(s -> s == FAILED || s == PARTIAL || s == REJECTED);
        boolean good = parts.stream().anyMatch(s -> s == COMPLIANT || s == APPLIED || s == PLANNED || s == PARTIAL);
        if (bad) {
            return good ? PARTIAL : FAILED;
        }
        for (Status s : new Status[] {DEFERRED, APPLIED, PLANNED}) {
            if (parts.contains(s)) {
                return s;
            }
        }
        return !parts.isEmpty() && parts.stream().allMatch(s -> s == IGNORED) ? IGNORED : COMPLIANT;
    }
}
