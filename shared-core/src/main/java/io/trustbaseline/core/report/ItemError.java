package io.trustbaseline.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.problem.FieldError;

/**
 * Why an item or target failed or was refused: the cloud's error code (or the rule broken), a message without
 * secrets, the missing permission, and for a refusal the item's field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemError(String code, String message, @JsonProperty("transient") boolean isTransient, String permission,
                        String field) {

    public ItemError(String code, String message, boolean isTransient, String permission) {
        this(code, message, isTransient, permission, null);
    }

    /** A rule the item breaks given what the cloud holds; nothing was written. */
    public static ItemError refusal(FieldError refusal) {
        return new ItemError(refusal.rule(), Redaction.scrub(refusal.message()), false, null, refusal.field());
    }

    public static ItemError of(CloudException e) {
        return new ItemError(e.code(), Redaction.scrub(e.getMessage()), e.isTransient(), e.permission());
    }

    /** An error no adapter classified: a defect or an unexpected SDK error; reported, not retried. */
    public static ItemError unexpected(RuntimeException e) {
        return new ItemError("InternalError", Redaction.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()),
                false, null);
    }
}
