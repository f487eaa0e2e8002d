package io.trustbaseline.core.port;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cloud API call that failed, classified so the core can act on it: retry what is transient, defer what is not
 * ready, re-read after a conflict, and report the rest with the cloud's error code (and the missing permission for
 * access denied). Adapters translate their SDK's exceptions into this; messages must carry no secret.
 */
public final class CloudException extends RuntimeException {

    public enum Kind {
        /** Throttling, 5xx, timeouts: worth retrying. */
        TRANSIENT,
        /** The resource's state refuses the change now (EKS not ACTIVE, ARM resource still provisioning). */
        NOT_READY,
        NOT_FOUND,
        /** Someone else created or changed it first (409). */
        CONFLICT,
        ACCESS_DENIED,
        /** The cloud refused the request itself (4xx): retrying will not help. */
        REJECTED
    }

    private final Kind kind;
    private final String code;
    private final String permission;
    private final Duration retryAfter;
    private final boolean retriesSpent;

    public CloudException(Kind kind, String code, String message, String permission, Duration retryAfter, Throwable cause) {
        this(kind, code, message, permission, retryAfter, cause, false);
    }

    private CloudException(Kind kind, String code, String message, String permission, Duration retryAfter,
                           Throwable cause, boolean retriesSpent) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.permission = permission;
        this.retryAfter = retryAfter;
        this.retriesSpent = retriesSpent;
    }

    public static CloudException transientFailure(String code, String message, Duration retryAfter, Throwable cause) {
        return new CloudException(Kind.TRANSIENT, code, message, null, retryAfter, cause);
    }

    public static CloudException of(Kind kind, String code, String message, Throwable cause) {
        return new CloudException(kind, code, message, null, null, cause);
    }

    public static CloudException accessDenied(String code, String message, String permission, Throwable cause) {
        return new CloudException(Kind.ACCESS_DENIED, code, message, permission, null, cause);
    }

    /** What {@code read} returns, or empty when the cloud says what it reads does not exist. */
    public static <T> Optional<T> emptyIfNotFound(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (CloudException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Kind kind() { return kind; }

    public String code() { return code; }

    /** The permission (IAM action or ARM action) the caller lacks, when the cloud said which. */
    public String permission() { return permission; }

    /** How long the cloud asked us to wait (Retry-After), when it said. */
    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

    public boolean isTransient() { return kind == Kind.TRANSIENT; }

    /**
     * The same failure, its retries already spent where it happened: a long-running operation's polls, retried
     * alone after the cloud accepted the write. Retrying the whole call would send the write again, so no caller
     * retries it; it is still transient, so the delivery tries the work again later.
     */
    public CloudException retriesSpent() {
        return new CloudException(kind, code, getMessage(), permission, retryAfter, getCause(), true);
    }

    /** Whether a caller may retry the call that failed: transient, and its retries not already spent. */
    public boolean retriable() { return isTransient() && !retriesSpent; }
}
