package io.ledgerline.contracts;

/** Kafka header names carried by every event and command message. Values are UTF-8 strings. */
public final class LedgerHeaders {

    /** The event's unique id (a UUID); consumers may deduplicate on it. */
    public static final String EVENT_ID = "ledger-event-id";
    /** The Avro full name of the value's schema, e.g. {@code io.ledgerline.contracts.account.MoneyDeposited}. */
    public static final String EVENT_TYPE = "ledger-event-type";
    /** The bare id of the aggregate (account or transfer) the event belongs to. */
    public static final String AGGREGATE_ID = "ledger-aggregate-id";
    /** The aggregate's version after this event: 1 for the first event of a stream. */
    public static final String AGGREGATE_VERSION = "ledger-aggregate-version";
    /** When the event was stored, ISO-8601 UTC. */
    public static final String OCCURRED_AT = "ledger-occurred-at";
    /** The id of the conversation the event belongs to (e.g. the HTTP request's correlation id). */
    public static final String CORRELATION_ID = "ledger-correlation-id";
    /** The id of the message that caused the event (the command's id). */
    public static final String CAUSATION_ID = "ledger-causation-id";
    /** Who caused the event: the HTTP token's subject, or the command topic's producer ({@code #kafka}). */
    public static final String PRINCIPAL = "ledger-principal";
    /** The roles of {@link #PRINCIPAL}, space-separated ({@code customer}, {@code service}, {@code operator}). */
    public static final String PRINCIPAL_ROLES = "ledger-principal-roles";
    /** How the command that caused the event came in: {@code http} or {@code kafka}. */
    public static final String CHANNEL = "ledger-channel";
    /** W3C trace context, where tracing is on. */
    public static final String TRACEPARENT = "traceparent";

    /** The dedupe key of a command message on {@link Topics#COMMANDS}. */
    public static final String COMMAND_ID = "ledger-command-id";

    /** On a dead-letter record: the stable problem code of why it could not be processed. */
    public static final String ERROR_CODE = "ledger-error-code";
    /** On a dead-letter record: a human-readable reason. */
    public static final String ERROR_DETAIL = "ledger-error-detail";
    /**
     * On a dead-letter record whose value was larger than the message cap: the original size in bytes. Its value is
     * the first bytes only, so that the dead letter and its headers fit the dead-letter topic's own size limit.
     */
    public static final String ERROR_TRUNCATED_FROM = "ledger-error-truncated-from";

    private LedgerHeaders() {
    }
}
