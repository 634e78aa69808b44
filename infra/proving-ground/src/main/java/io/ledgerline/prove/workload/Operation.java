package io.ledgerline.prove.workload;

/**
 * One intended operation with its ids. Retries send the same operation again (same ids, same content), so the
 * checker can ask of each operation how often it is in the event store.
 *
 * @param referenceId    transaction id (open: the account id; transfer: the transfer id)
 * @param counterpartyId destination of a transfer, else null
 */
public record Operation(Kind kind, Channel channel, String accountId, String referenceId, String counterpartyId,
                        long amount, String currency, String ownerId, long overdraftLimit) {

    public enum Kind { OPEN, DEPOSIT, WITHDRAW, TRANSFER }

    public enum Channel { HTTP, KAFKA }

    public static Operation open(String accountId, String ownerId, String currency, long overdraftLimit) {
        return new Operation(Kind.OPEN, Channel.HTTP, accountId, accountId, null, 0, currency, ownerId,
                overdraftLimit);
    }

    public static Operation money(Kind kind, Channel channel, String accountId, String transactionId, long amount,
                                  String currency) {
        return new Operation(kind, channel, accountId, transactionId, null, amount, currency, null, 0);
    }

    public static Operation transfer(Channel channel, String transferId, String source, String destination,
                                     long amount, String currency) {
        return new Operation(Kind.TRANSFER, channel, source, transferId, destination, amount, currency, null, 0);
    }

    /** The same operation (same ids, same content) sent over HTTP. */
    public Operation overHttp() {
        return new Operation(kind, Channel.HTTP, accountId, referenceId, counterpartyId, amount, currency, ownerId,
                overdraftLimit);
    }

    /** Unique per operation: a transaction id is consumed per account, a transfer id globally. */
    public String key() {
        return switch (kind) {
            case OPEN -> "open|" + accountId;
            case DEPOSIT, WITHDRAW -> "money|" + accountId + "|" + referenceId;
            case TRANSFER -> "transfer|" + referenceId;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OPEN -> "open " + accountId + " (" + currency + ", overdraft " + overdraftLimit + ")";
            case DEPOSIT, WITHDRAW -> kind.name().toLowerCase() + " " + amount + " " + currency + " on " + accountId
                    + " tx " + referenceId + " via " + channel;
            case TRANSFER -> "transfer " + referenceId + " " + amount + " " + currency + " " + accountId + " -> "
                    + counterpartyId + " via " + channel;
        };
    }
}
