package org.crmsuite.platform.events;

/**
 * A record that can never be applied as it is (not JSON, missing envelope attributes, breaks its schema). Not
 * retried: it goes to the dead-letter topic at once with this message as the reason.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
