package io.ledgerline.command.account;

/**
 * Which accounts have a transfer in flight, so that close can wait for them ({@code transfer-pending}).
 * Registered in the transaction that records TransferRequested, released in the one that records its terminal
 * event. An account's own stream cannot tell: it never sees a transfer complete.
 */
public interface TransfersInFlight {

    void register(String transferId, String sourceAccountId, String destinationAccountId);

    void release(String transferId);

    boolean involves(String accountId);
}
