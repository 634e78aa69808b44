package io.ledgerline.command.ledger;

/**
 * The metadata a command carries into its events (and the publisher into the Kafka headers): correlation and
 * causation ids, and who sent it, with which roles and through which channel (the audit trail).
 */
public final class MetaDataKeys {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String PRINCIPAL = "principal";
    public static final String PRINCIPAL_ROLES = "principalRoles";
    public static final String CHANNEL = "channel";

    private MetaDataKeys() {
    }
}
