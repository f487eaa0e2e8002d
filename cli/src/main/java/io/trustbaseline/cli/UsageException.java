package io.trustbaseline.cli;

/** A problem a newcomer can act on (a missing file, a payload of unknown kind, a bad flag): one line, exit 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
