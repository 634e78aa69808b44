package io.ledgerline.contracts.codec;

/**
 * A well-formed message whose writer schema this reader does not know yet. Retry with backoff and alert:
 * readers are upgraded before writers switch to a new schema version, so this heals with an upgrade.
 */
public class UnknownSchemaException extends RuntimeException {

    private final long fingerprint;

    public UnknownSchemaException(long fingerprint, String detail) {
        super(detail);
        this.fingerprint = fingerprint;
    }

    public long fingerprint() {
        return fingerprint;
    }
}
