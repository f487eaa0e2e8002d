package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.CloudException.Kind;
import io.trustbaseline.core.port.RetryAfter;
import io.trustbaseline.core.report.Redaction;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates what the AWS SDK throws into the core's {@link CloudException}, so the core can retry, defer, re-read
 * or report. Each call is named by its IAM action ({@code eks:CreateAddon}): the permission to name when access is
 * denied and the cloud's message does not say.
 */
final class AwsErrors {
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "SlowDown");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "UnauthorizedException");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "ResourceNotFoundException", "NotFoundException");
    /** Someone else created it first. */
    private static final Set<String> CONFLICT = Set.of("ResourceInUseException", "EntityAlreadyExists");
    /** IAM's "several changes to this object at once": worth another try, unlike a conflict of creation. */
    private static final Set<String> TRANSIENT = Set.of("ConcurrentModification", "ServiceUnavailable",
            "ServiceUnavailableException", "ServerException", "ServiceFailure", "InternalFailure");
    /** EKS: "the request is invalid given the state of the cluster" (not ACTIVE). */
    private static final String NOT_READY = "InvalidRequestException";
    private static final Pattern PERMISSION = Pattern.compile("perform: ([a-z0-9-]+:[A-Za-z0-9*]+)");

    private AwsErrors() { }

    /** Runs one SDK call, translating its failure. */
    static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(action, e);
        }
    }

    static CloudException translate(String action, SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service(action, service);
        }
        String message = action + ": " + Redaction.scrub(e.getMessage());
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || causedByIo(e)) {
            return CloudException.transientFailure("ClientTimeoutOrIo", message, null, e);
        }
        // No request reached AWS (no credentials, no region, ...): another try will not change that.
        return CloudException.of(Kind.REJECTED, e instanceof SdkClientException ? "ClientError" : "SdkError", message, e);
    }

    private static CloudException service(String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "HTTP" + e.statusCode() : e.awsErrorDetails().errorCode();
        String detail = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String message = Redaction.scrub(action + " failed: " + code + ": " + detail);
        int status = e.statusCode();
        if (THROTTLING.contains(code) || e.isThrottlingException() || status == 429) {
            return CloudException.transientFailure(code, message, retryAfter(e).orElse(null), e);
        }
        if (ACCESS_DENIED.contains(code) || status == 403) {
            Matcher m = PERMISSION.matcher(detail == null ? "" : detail);
            return CloudException.accessDenied(code, message, m.find() ? m.group(1) : action, e);
        }
        if (TRANSIENT.contains(code) || status >= 500) {
            return CloudException.transientFailure(code, message, retryAfter(e).orElse(null), e);
        }
        if (NOT_FOUND.contains(code) || status == 404) {
            return CloudException.of(Kind.NOT_FOUND, code, message, e);
        }
        if (CONFLICT.contains(code)) {
            return CloudException.of(Kind.CONFLICT, code, message, e);
        }
        if (NOT_READY.equals(code)) {
            return CloudException.of(Kind.NOT_READY, code, message, e);
        }
        return CloudException.of(Kind.REJECTED, code, message, e);
    }

    /** Retry-After as seconds or as an HTTP date. */
    private static Optional<Duration> retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(RetryAfter::parse);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }
}
