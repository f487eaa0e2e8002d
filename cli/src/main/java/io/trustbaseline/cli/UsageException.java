package io.trustbaseline.cli;

/** A problem a newcomer can act on (a missing file, a payload of unknown kind, a bad flag): one line, exit 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
