package io.ledgerline.testkit.events;

import io.ledgerline.contracts.account.AccountClosed;
import io.ledgerline.contracts.account.AccountFrozen;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.AccountUnfrozen;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferFailed;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.contracts.transfer.TransferRequested;

/**
 * Short factories for the contract events, so tests read as the story they tell: the one set every test of the
 * services, the audit and the proving ground builds its events with. Free texts (descriptions, reasons) are fixed;
 * a test that is about one builds the record itself.
 */
public final class Events {

    private Events() {
    }

    public static AccountOpened opened(String accountId, String ownerId, String currency, long overdraftLimit) {
        return AccountOpened.newBuilder().setAccountId(accountId).setOwnerId(ownerId).setCurrency(currency)
                .setOverdraftLimit(overdraftLimit).build();
    }

    public static MoneyDeposited deposited(String accountId, String transactionId, long amount, String currency,
            long balanceAfter, String description) {
        return MoneyDeposited.newBuilder().setAccountId(accountId).setTransactionId(transactionId).setAmount(amount)
                .setCurrency(currency).setBalanceAfter(balanceAfter).setDescription(description).build();
    }

    public static MoneyWithdrawn withdrawn(String accountId, String transactionId, long amount, String currency,
            long balanceAfter) {
        return MoneyWithdrawn.newBuilder().setAccountId(accountId).setTransactionId(transactionId).setAmount(amount)
                .setCurrency(currency).setBalanceAfter(balanceAfter).build();
    }

    public static AccountFrozen frozen(String accountId) {
        return AccountFrozen.newBuilder().setAccountId(accountId).setReason("compliance check").build();
    }

    public static AccountUnfrozen unfrozen(String accountId) {
        return AccountUnfrozen.newBuilder().setAccountId(accountId).setReason("cleared").build();
    }

    public static AccountClosed closed(String accountId) {
        return AccountClosed.newBuilder().setAccountId(accountId).build();
    }

    public static TransferDebited debited(String accountId, String transferId, String counterparty, long amount,
            String currency, long balanceAfter) {
        return TransferDebited.newBuilder().setAccountId(accountId).setTransferId(transferId)
                .setCounterpartyAccountId(counterparty).setAmount(amount).setCurrency(currency)
                .setBalanceAfter(balanceAfter).setDescription("rent").build();
    }

    public static TransferCredited credited(String accountId, String transferId, String counterparty, long amount,
            String currency, long balanceAfter) {
        return TransferCredited.newBuilder().setAccountId(accountId).setTransferId(transferId)
                .setCounterpartyAccountId(counterparty).setAmount(amount).setCurrency(currency)
                .setBalanceAfter(balanceAfter).setDescription("rent").build();
    }

    public static TransferRefunded refunded(String accountId, String transferId, long amount, String currency,
            long balanceAfter) {
        return TransferRefunded.newBuilder().setAccountId(accountId).setTransferId(transferId).setAmount(amount)
                .setCurrency(currency).setBalanceAfter(balanceAfter).setReason("account-closed").build();
    }

    public static TransferRequested requested(String transferId, String source, String destination, long amount,
            String currency) {
        return TransferRequested.newBuilder().setTransferId(transferId).setSourceAccountId(source)
                .setDestinationAccountId(destination).setAmount(amount).setCurrency(currency).build();
    }

    public static TransferCompleted completed(String transferId) {
        return TransferCompleted.newBuilder().setTransferId(transferId).build();
    }

    public static TransferRejected rejected(String transferId, String code) {
        return TransferRejected.newBuilder().setTransferId(transferId).setCode(code).build();
    }

    public static TransferFailed failed(String transferId, String reason) {
        return TransferFailed.newBuilder().setTransferId(transferId).setReason(reason).build();
    }
}
