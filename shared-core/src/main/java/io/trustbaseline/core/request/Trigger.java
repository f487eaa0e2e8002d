package io.trustbaseline.core.request;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What started a request: a cloud event, a ticketing-system message, an operator, or the periodic sweep. */
public enum Trigger {
    EVENT, TICKET, MANUAL, SWEEP;

    @JsonValue
    public String id() { return name().toLowerCase(Locale.ROOT); }
}
