package io.ledgerline.command.topic;

/** A command message that can never be executed: undecodable, or invalid. It goes to the dead-letter topic. */
class InvalidCommandException extends RuntimeException {

    private final String code;

    InvalidCommandException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
