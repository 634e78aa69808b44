package io.ledgerline.command.account;

import io.ledgerline.command.ledger.Money;
import io.ledgerline.contracts.account.AccountClosed;
import io.ledgerline.contracts.account.AccountFrozen;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.AccountUnfrozen;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;

/** Factory methods that keep the generated Avro builders out of the aggregate's way. */
final class AccountEvents {

    private AccountEvents() {
    }

    static AccountOpened opened(String accountId, String ownerId, String currency, long overdraftLimit) {
        return AccountOpened.newBuilder().setAccountId(accountId).setOwnerId(ownerId).setCurrency(currency)
                .setOverdraftLimit(overdraftLimit).build();
    }

    static MoneyDeposited deposited(String accountId, String transactionId, Money money, long balanceAfter,
                                    String description) {
        return MoneyDeposited.newBuilder().setAccountId(accountId).setTransactionId(transactionId)
                .setAmount(money.amount()).setCurrency(money.currency()).setBalanceAfter(balanceAfter)
                .setDescription(description).build();
    }

    static MoneyWithdrawn withdrawn(String accountId, String transactionId, Money money, long balanceAfter,
                                    String description) {
        return MoneyWithdrawn.newBuilder().setAccountId(accountId).setTransactionId(transactionId)
                .setAmount(money.amount()).setCurrency(money.currency()).setBalanceAfter(balanceAfter)
                .setDescription(description).build();
    }

    static AccountFrozen frozen(String accountId, String reason) {
        return AccountFrozen.newBuilder().setAccountId(accountId).setReason(reason).build();
    }

    static AccountUnfrozen unfrozen(String accountId, String reason) {
        return AccountUnfrozen.newBuilder().setAccountId(accountId).setReason(reason).build();
    }

    static AccountClosed closed(String accountId) {
        return AccountClosed.newBuilder().setAccountId(accountId).build();
    }

    static TransferDebited debited(String accountId, String transferId, String destinationAccountId, Money money,
                                   long balanceAfter, String description) {
        return TransferDebited.newBuilder().setAccountId(accountId).setTransferId(transferId)
                .setCounterpartyAccountId(destinationAccountId).setAmount(money.amount())
                .setCurrency(money.currency()).setBalanceAfter(balanceAfter).setDescription(description).build();
    }

    static TransferCredited credited(String accountId, String transferId, String sourceAccountId, Money money,
                                     long balanceAfter, String description) {
        return TransferCredited.newBuilder().setAccountId(accountId).setTransferId(transferId)
                .setCounterpartyAccountId(sourceAccountId).setAmount(money.amount())
                .setCurrency(money.currency()).setBalanceAfter(balanceAfter).setDescription(description).build();
    }

    static TransferRefunded refunded(String accountId, String transferId, Money money, long balanceAfter,
                                     String reason) {
        return TransferRefunded.newBuilder().setAccountId(accountId).setTransferId(transferId)
                .setAmount(money.amount()).setCurrency(money.currency()).setBalanceAfter(balanceAfter)
                .setReason(reason).build();
    }
}
