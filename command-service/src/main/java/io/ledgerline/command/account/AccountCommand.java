package io.ledgerline.command.account;

import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Everything an account can be asked to do; each command is validated before it is built.
 *
 * @param <A> what the account answers to the command: one of its {@link AccountAnswer}s
 */
public sealed interface AccountCommand<A extends AccountAnswer> extends AggregateCommand<A> {

    String accountId();

    @Override
    @TargetAggregateIdentifier
    default String aggregateId() {
        return AggregateIds.account(accountId());
    }

    record OpenAccount(String accountId, String ownerId, String currency, long overdraftLimit, Caller caller)
            implements AccountCommand<AccountOutcome> {
    }

    record DepositMoney(String accountId, String transactionId, Money money, String description, Caller caller)
            implements AccountCommand<MoneyOutcome> {
    }

    record WithdrawMoney(String accountId, String transactionId, Money money, String description, Caller caller)
            implements AccountCommand<MoneyOutcome> {
    }

    record FreezeAccount(String accountId, String reason, Caller caller) implements AccountCommand<AccountOutcome> {
    }

    record UnfreezeAccount(String accountId, String reason, Caller caller) implements AccountCommand<AccountOutcome> {
    }

    record CloseAccount(String accountId, Caller caller) implements AccountCommand<AccountOutcome> {
    }

    /** Sent by the transfer process to the source account. */
    record DebitForTransfer(String accountId, String transferId, String destinationAccountId, Money money,
                            String description) implements AccountCommand<TransferStepOutcome> {
    }

    /** Sent by the transfer process to the destination account; frozen accounts receive. */
    record CreditForTransfer(String accountId, String transferId, String sourceAccountId, Money money,
                             String description) implements AccountCommand<TransferStepOutcome> {
    }

    /** Sent by the transfer process to the source account when the destination could not receive. */
    record RefundTransfer(String accountId, String transferId, Money money, String reason)
            implements AccountCommand<TransferStepOutcome> {
    }
}
