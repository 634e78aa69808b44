package io.ledgerline.testkit.events;

import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;

/**
 * Short factories for the contract's command records (what a producer puts on {@code ledger.commands.v1.<name>}):
 * the one set the tests and the launcher's {@code send-command} build commands with. A null description is none.
 */
public final class Commands {

    private Commands() {
    }

    public static OpenAccount open(String accountId, String ownerId, String currency) {
        return open(accountId, ownerId, currency, 0);
    }

    public static OpenAccount open(String accountId, String ownerId, String currency, long overdraftLimit) {
        return OpenAccount.newBuilder().setAccountId(accountId).setOwnerId(ownerId).setCurrency(currency)
                .setOverdraftLimit(overdraftLimit).build();
    }

    public static DepositMoney deposit(String accountId, String transactionId, long amount, String currency) {
        return deposit(accountId, transactionId, amount, currency, null);
    }

    public static DepositMoney deposit(String accountId, String transactionId, long amount, String currency,
            String description) {
        return DepositMoney.newBuilder().setAccountId(accountId).setTransactionId(transactionId).setAmount(amount)
                .setCurrency(currency).setDescription(description).build();
    }

    public static WithdrawMoney withdraw(String accountId, String transactionId, long amount, String currency) {
        return withdraw(accountId, transactionId, amount, currency, null);
    }

    public static WithdrawMoney withdraw(String accountId, String transactionId, long amount, String currency,
            String description) {
        return WithdrawMoney.newBuilder().setAccountId(accountId).setTransactionId(transactionId).setAmount(amount)
                .setCurrency(currency).setDescription(description).build();
    }

    public static RequestTransfer transfer(String transferId, String source, String destination, long amount,
            String currency) {
        return transfer(transferId, source, destination, amount, currency, null);
    }

    public static RequestTransfer transfer(String transferId, String source, String destination, long amount,
            String currency, String description) {
        return RequestTransfer.newBuilder().setTransferId(transferId).setSourceAccountId(source)
                .setDestinationAccountId(destination).setAmount(amount).setCurrency(currency)
                .setDescription(description).build();
    }
}
