package io.ledgerline.query.kafka;

/**
 * A message whose bytes may decode but which can never be a valid event: missing or invalid headers, or headers
 * that contradict the payload. Like a malformed message it goes to the dead-letter topic, never retried.
 */
public class InvalidEventException extends RuntimeException {

    public static final String INVALID_HEADERS = "invalid-headers";
    public static final String INVALID_EVENT = "invalid-event";

    private final String code;

    public InvalidEventException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
