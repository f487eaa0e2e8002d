package io.trustbaseline.localcloud.aws;

/**
 * An AWS service error as the emulators raise it: the error code the SDK maps to an exception class, the HTTP
 * status, and the message. Each service renders it in its own wire format.
 */
final class AwsError extends RuntimeException {
    private final String code;
    private final int status;

    AwsError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    String code() { return code; }

    int status() { return status; }

    /** True for errors the service blames on itself (query protocol {@code <Type>Receiver</Type>}). */
    boolean serverFault() { return status >= 500; }
}
