package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trustbaseline.core.port.CloudException;

/** Why an item or target failed: the cloud's error code, a message without secrets, and the missing permission. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemError(String code, String message, @JsonProperty("transient") boolean isTransient, String permission) {

    public static ItemError of(CloudException e) {
        return new ItemError(e.code(), Redaction.scrub(e.getMessage()), e.isTransient(), e.permission());
    }

    /** An error no adapter classified: a defect or an unexpected SDK error; reported, not retried. */
    public static ItemError unexpected(RuntimeException e) {
        return new ItemError("InternalError", Redaction.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()),
                false, null);
    }
}
