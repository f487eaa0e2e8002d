package io.trustbaseline.azure.arm;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementException;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.RetryAfter;
import io.trustbaseline.core.report.Redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates what the Azure SDK throws into {@link CloudException}: 429, 5xx and timeouts are transient (with the
 * Retry-After ARM sent), 409 is a conflict unless the resource's provisioning state refused the write (not ready),
 * 403 names the action ARM says is missing, 404 is not found, any other 4xx rejected. Messages are ARM's own error
 * message, scrubbed, never the request URL or headers.
 */
public final class ArmErrors {
    private static final Pattern ACTION = Pattern.compile("(?i)perform action '([^']+)'");
    private static final Pattern NOT_READY = Pattern.compile(
            "(?i)provisioning ?state|operation in progress|in progress (create|update|delete)|is being (created|updated|deleted|provisioned)");

    private ArmErrors() { }

    /** Runs one SDK call, translating its failure. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** The CloudException for an SDK failure; a failure that is no cloud answer nor I/O is returned unchanged. */
    public static RuntimeException translate(RuntimeException failure) {
        CloudException translated = causeOf(failure, CloudException.class); // a poll's, through the SDK's poller
        if (translated != null) {
            return translated;
        }
        HttpResponseException http = causeOf(failure, HttpResponseException.class);
        if (http != null && http.getResponse() != null) {
            String code = null;
            String message = null;
            if (http instanceof ManagementException management && management.getValue() != null) {
                code = management.getValue().getCode();
                message = management.getValue().getMessage();
            }
            return fromResponse(http.getResponse().getStatusCode(), code, message, http.getResponse().getHeaders(), failure);
        }
        if (causeOf(failure, TimeoutException.class) != null || causeOf(failure, java.net.http.HttpTimeoutException.class) != null) {
            return CloudException.transientFailure("Timeout", "ARM did not answer in time", null, failure);
        }
        IOException io = causeOf(failure, IOException.class);
        if (io != null || failure instanceof UncheckedIOException) {
            return CloudException.transientFailure("ConnectionError", "the connection to ARM failed: "
                    + Redaction.scrub(io == null ? failure.getMessage() : io.getClass().getSimpleName()), null, failure);
        }
        return failure;
    }

    static CloudException fromResponse(int status, String code, String message, HttpHeaders headers) {
        return fromResponse(status, code, message, headers, null);
    }

    private static CloudException fromResponse(int status, String code, String message, HttpHeaders headers, Throwable cause) {
        String errorCode = code == null || code.isBlank() ? "Http" + status : code;
        String text = Redaction.scrub(message == null || message.isBlank() ? "ARM answered HTTP " + status : message);
        if (status == 429 || status == 408 || status >= 500) {
            return CloudException.transientFailure(errorCode, text, retryAfter(headers), cause);
        }
        if (status == 409) {
            boolean busy = "AnotherOperationInProgress".equalsIgnoreCase(errorCode) || NOT_READY.matcher(text).find();
            return CloudException.of(busy ? CloudException.Kind.NOT_READY : CloudException.Kind.CONFLICT, errorCode, text, cause);
        }
        if (status == 401 || status == 403) {
            Matcher action = ACTION.matcher(text);
            return CloudException.accessDenied(errorCode, text, action.find() ? action.group(1) : null, cause);
        }
        if (status == 404) {
            return CloudException.of(CloudException.Kind.NOT_FOUND, errorCode, text, cause);
        }
        return CloudException.of(CloudException.Kind.REJECTED, errorCode, text, cause);
    }

    /** ARM's wait hint: {@code Retry-After} in seconds or as an HTTP date, or {@code x-ms-retry-after-ms}. */
    static Duration retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            String millis = headers.getValue(com.azure.core.http.HttpHeaderName.fromString(name));
            if (millis != null && millis.trim().matches("\\d+")) {
                return Duration.ofMillis(Long.parseLong(millis.trim()));
            }
        }
        return RetryAfter.parse(headers.getValue(com.azure.core.http.HttpHeaderName.RETRY_AFTER)).orElse(null);
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
