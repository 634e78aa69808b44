package io.ledgerline.command.ledger;

/**
 * Axon keys its event table by aggregate id alone, so an account and a transfer with the same id would collide.
 * The store uses a type prefix; Kafka keys, headers and every API carry the bare id. The prefixes end in a
 * colon and differ, so no two ids of different types can map to the same stored id.
 */
public final class AggregateIds {

    public static final String ACCOUNT_PREFIX = "account:";
    public static final String TRANSFER_PREFIX = "transfer:";

    private AggregateIds() {
    }

    public static String account(String accountId) {
        return ACCOUNT_PREFIX + accountId;
    }

    public static String transfer(String transferId) {
        return TRANSFER_PREFIX + transferId;
    }

    public static boolean isAccount(String storedId) {
        return storedId.startsWith(ACCOUNT_PREFIX);
    }

    public static boolean isTransfer(String storedId) {
        return storedId.startsWith(TRANSFER_PREFIX);
    }

    /** The bare id of a stored aggregate id. */
    public static String bare(String storedId) {
        if (isAccount(storedId)) {
            return storedId.substring(ACCOUNT_PREFIX.length());
        }
        if (isTransfer(storedId)) {
            return storedId.substring(TRANSFER_PREFIX.length());
        }
        throw new IllegalArgumentException("not a ledger aggregate id: " + storedId);
    }
}
