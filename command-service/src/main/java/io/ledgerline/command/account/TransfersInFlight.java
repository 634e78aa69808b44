package io.ledgerline.command.account;

/**
 * Which accounts have a transfer in flight, so that close can wait for them ({@code transfer-pending}) and credits
 * can keep headroom for refunds.
 * Registered in the transaction that records TransferRequested, released in the one that records its terminal
 * event. An account's own stream cannot tell: it never sees a transfer complete.
 */
public interface TransfersInFlight {

    void register(String transferId, String sourceAccountId, String destinationAccountId);

    void release(String transferId);

    boolean involves(String accountId);

    /**
     * What transfers still in flight have debited from {@code accountId} and not refunded: the most a refund can
     * yet add to its balance. Credits keep this much headroom below the balance limit, so a refund is never
     * refused.
     */
    long debitsInFlight(String accountId);
}
