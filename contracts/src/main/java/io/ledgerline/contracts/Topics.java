package io.ledgerline.contracts;

/** Kafka topic names: public interface, written out rather than derived from class names. */
public final class Topics {

    /** Account events, keyed by the bare account id. */
    public static final String ACCOUNT_EVENTS = "ledger.account-events.v1";
    /** Transfer events, keyed by the transfer id. */
    public static final String TRANSFER_EVENTS = "ledger.transfer-events.v1";
    /** Commands from producers, keyed by the target aggregate id, header {@link LedgerHeaders#COMMAND_ID}. */
    public static final String COMMANDS = "ledger.commands.v1";
    /** One {@code CommandResult} per command id, keyed by the command id. */
    public static final String COMMAND_RESULTS = "ledger.command-results.v1";

    /** Suffix of dead-letter topics; a DLT has at least its source's partition count. */
    public static final String DLT_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}
