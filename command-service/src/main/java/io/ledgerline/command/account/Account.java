package io.ledgerline.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.ledgerline.command.account.AccountCommand.CloseAccount;
import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.DepositMoney;
import io.ledgerline.command.account.AccountCommand.FreezeAccount;
import io.ledgerline.command.account.AccountCommand.OpenAccount;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.AccountCommand.UnfreezeAccount;
import io.ledgerline.command.account.AccountCommand.WithdrawMoney;
import io.ledgerline.command.account.OperationLog.Kind;
import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.CommandRefusedException;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.account.AccountClosed;
import io.ledgerline.contracts.account.AccountFrozen;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.AccountUnfrozen;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An account's whole life. When several rules fail, the first in this order answers: not found (the repository)
 * → ownership → idempotent replay → closed → frozen → currency → funds; validation happened before the command
 * was built.
 */
@Aggregate(repository = "accountRepository", commandTargetResolver = "commandTargetResolver")
@Revision("2") // snapshots of revision 1 lack debitsNotRefunded: they are ignored and the stream is replayed
public class Account {

    @AggregateIdentifier
    private String id;
    private String accountId;
    private String ownerId;
    private String currency;
    private long overdraftLimit;
    private AccountStatus status;
    private long balance;
    /** The number of events in this account's stream: the first event is version 1. */
    private long version;
    /**
     * Debits of this account's transfers less their refunds, over its whole life: an upper bound of what refunds
     * can still add (completed transfers stay counted, since the account never sees them complete). Past
     * {@link LedgerLimits#MAX_BALANCE} it stops counting and stays there.
     */
    private long debitsNotRefunded;

    protected Account() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountOutcome handle(OpenAccount command) {
        if (id != null) {
            boolean sameAccount = ownerId.equals(command.ownerId()) && currency.equals(command.currency())
                    && overdraftLimit == command.overdraftLimit();
            if (!sameAccount) {
                throw Refusal.ACCOUNT_ALREADY_EXISTS.because(
                        "account " + accountId + " already exists with another owner, currency or overdraft limit");
            }
            return new AccountOutcome(accountId, 1, false);
        }
        apply(AccountEvents.opened(command.accountId(), command.ownerId(), command.currency(),
                command.overdraftLimit()));
        return new AccountOutcome(accountId, version, true);
    }

    @CommandHandler
    public MoneyOutcome handle(DepositMoney command, OperationLog operations, TransfersInFlight transfersInFlight) {
        requireAccessBy(command.caller());
        Optional<MoneyOutcome> replay = replayOf(operations, Kind.DEPOSIT, command.transactionId(), command.money());
        if (replay.isPresent()) {
            return replay.get();
        }
        requireNotClosed();
        requireCurrencyOf(command.money());
        long after = creditedBalance(command.money().amount(), transfersInFlight);
        apply(AccountEvents.deposited(accountId, command.transactionId(), command.money(), after,
                command.description()));
        return recorded(operations, Kind.DEPOSIT, command.transactionId(), command.money());
    }

    @CommandHandler
    public MoneyOutcome handle(WithdrawMoney command, OperationLog operations) {
        requireAccessBy(command.caller());
        Optional<MoneyOutcome> replay =
                replayOf(operations, Kind.WITHDRAWAL, command.transactionId(), command.money());
        if (replay.isPresent()) {
            return replay.get();
        }
        long after = requireFundsFor(command.money());
        apply(AccountEvents.withdrawn(accountId, command.transactionId(), command.money(), after,
                command.description()));
        return recorded(operations, Kind.WITHDRAWAL, command.transactionId(), command.money());
    }

    @CommandHandler
    public AccountOutcome handle(FreezeAccount command) {
        requireAccessBy(command.caller());
        requireNotClosed();
        if (status == AccountStatus.FROZEN) {
            return new AccountOutcome(accountId, version, false);
        }
        apply(AccountEvents.frozen(accountId, command.reason()));
        return new AccountOutcome(accountId, version, true);
    }

    @CommandHandler
    public AccountOutcome handle(UnfreezeAccount command) {
        requireAccessBy(command.caller());
        requireNotClosed();
        if (status != AccountStatus.FROZEN) {
            return new AccountOutcome(accountId, version, false);
        }
        apply(AccountEvents.unfrozen(accountId, command.reason()));
        return new AccountOutcome(accountId, version, true);
    }

    @CommandHandler
    public AccountOutcome handle(CloseAccount command, TransfersInFlight transfersInFlight) {
        requireAccessBy(command.caller());
        if (status == AccountStatus.CLOSED) {
            return new AccountOutcome(accountId, version, false);
        }
        if (balance != 0) {
            throw Refusal.BALANCE_NOT_ZERO.because("the balance is " + balance + ", not 0");
        }
        if (transfersInFlight.involves(accountId)) {
            throw Refusal.TRANSFER_PENDING.because("a transfer from or to this account is still in flight");
        }
        apply(AccountEvents.closed(accountId));
        return new AccountOutcome(accountId, version, true);
    }

    /** The transfer process's debit of the source; a refusal is recorded, so it is the transfer's one decision. */
    TransferStepOutcome debit(DebitForTransfer command, OperationLog operations) {
        long after;
        try {
            after = requireFundsFor(command.money());
        } catch (CommandRefusedException refused) {
            return refusedStep(operations, Kind.TRANSFER_DEBIT, command.transferId(), command.money(), refused);
        }
        apply(AccountEvents.debited(accountId, command.transferId(), command.destinationAccountId(),
                command.money(), after, command.description()));
        return appliedStep(operations, Kind.TRANSFER_DEBIT, command.transferId(), command.money());
    }

    /** The transfer process's credit of the destination; frozen accounts receive. */
    TransferStepOutcome credit(CreditForTransfer command, OperationLog operations,
                               TransfersInFlight transfersInFlight) {
        long after;
        try {
            requireNotClosed();
            requireCurrencyOf(command.money());
            after = creditedBalance(command.money().amount(), transfersInFlight);
        } catch (CommandRefusedException refused) {
            return refusedStep(operations, Kind.TRANSFER_CREDIT, command.transferId(), command.money(), refused);
        }
        apply(AccountEvents.credited(accountId, command.transferId(), command.sourceAccountId(),
                command.money(), after, command.description()));
        return appliedStep(operations, Kind.TRANSFER_CREDIT, command.transferId(), command.money());
    }

    /**
     * The transfer process's refund of the source when the destination could not receive. No closed or frozen
     * check: the money was taken by this transfer, and close waits for it to end. Never out of range: every
     * credit since the debit kept headroom for it ({@link #creditedBalance}); the check stays as the rule's last
     * line.
     */
    TransferStepOutcome refund(RefundTransfer command, OperationLog operations) {
        long after = balanceAfter(command.money().amount());
        apply(AccountEvents.refunded(accountId, command.transferId(), command.money(), after, command.reason()));
        return appliedStep(operations, Kind.TRANSFER_REFUND, command.transferId(), command.money());
    }

    private TransferStepOutcome appliedStep(OperationLog operations, Kind kind, String transferId, Money money) {
        operations.record(accountId, kind, transferId, money, version, balance);
        return TransferStepOutcome.applied(accountId, transferId, version, balance);
    }

    private TransferStepOutcome refusedStep(OperationLog operations, Kind kind, String transferId, Money money,
                                            CommandRefusedException refused) {
        operations.recordRefusal(accountId, kind, transferId, money, refused.refusal());
        return TransferStepOutcome.refused(accountId, transferId, refused.refusal());
    }

    private void requireAccessBy(Caller caller) {
        if (!caller.mayActOnAccountOf(ownerId)) {
            // Another owner's account answers exactly like a missing one, so ids cannot be probed.
            throw Refusal.ACCOUNT_NOT_FOUND.because("account not found"); // as for a missing one: nothing told apart
        }
    }

    private Optional<MoneyOutcome> replayOf(OperationLog operations, Kind kind, String referenceId, Money money) {
        return operations.find(accountId, kind, referenceId).map(entry -> {
            if (entry.kind() != kind || !money.sameAs(entry.amount(), entry.currency())) {
                throw Refusal.TRANSACTION_ID_CONFLICT.because(
                        "id " + referenceId + " was already used on this account for another operation");
            }
            return new MoneyOutcome(accountId, referenceId, entry.version(), entry.balanceAfter());
        });
    }

    private MoneyOutcome recorded(OperationLog operations, Kind kind, String referenceId, Money money) {
        operations.record(accountId, kind, referenceId, money, version, balance);
        return new MoneyOutcome(accountId, referenceId, version, balance);
    }

    private void requireNotClosed() {
        if (status == AccountStatus.CLOSED) {
            throw Refusal.ACCOUNT_CLOSED.because("account " + accountId + " is closed");
        }
    }

    private void requireNotFrozen() {
        if (status == AccountStatus.FROZEN) {
            throw Refusal.ACCOUNT_FROZEN.because("account " + accountId + " is frozen");
        }
    }

    private void requireCurrencyOf(Money money) {
        if (!currency.equals(money.currency())) {
            throw Refusal.CURRENCY_MISMATCH.because("account " + accountId + " holds " + currency + ", not "
                    + money.currency());
        }
    }

    /** Closed, frozen, currency and funds checks of money leaving the account; returns the balance after. */
    private long requireFundsFor(Money money) {
        requireNotClosed();
        requireNotFrozen();
        requireCurrencyOf(money);
        long after = Math.subtractExact(balance, money.amount());
        if (after < -overdraftLimit) {
            throw Refusal.INSUFFICIENT_FUNDS.because("the balance would fall below the overdraft limit");
        }
        return checkedRange(after);
    }

    private long balanceAfter(long credit) {
        return checkedRange(Math.addExact(balance, credit));
    }

    /**
     * The balance after a deposit or a transfer credit, which must leave room for every refund still possible:
     * the debits of this account's transfers in flight. The account's own bound proves that almost always; only
     * near the limit is the store asked for the exact figure.
     */
    private long creditedBalance(long credit, TransfersInFlight transfersInFlight) {
        long after = balanceAfter(credit);
        if (after > LedgerLimits.MAX_BALANCE - debitsNotRefunded
                && after > LedgerLimits.MAX_BALANCE - transfersInFlight.debitsInFlight(accountId)) {
            throw Refusal.AMOUNT_OUT_OF_RANGE.because(
                    "the balance would leave ±(2^53 − 1) if the transfers in flight from this account were refunded");
        }
        return after;
    }

    private static long checkedRange(long balance) {
        if (!LedgerLimits.isBalanceInRange(balance)) {
            throw Refusal.AMOUNT_OUT_OF_RANGE.because("the balance would leave ±(2^53 − 1)");
        }
        return balance;
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        id = AggregateIds.account(event.getAccountId());
        accountId = event.getAccountId();
        ownerId = event.getOwnerId();
        currency = event.getCurrency();
        overdraftLimit = event.getOverdraftLimit();
        status = AccountStatus.OPEN;
        balance = 0;
        version = 1;
    }

    @EventSourcingHandler
    void on(MoneyDeposited event) {
        balance = event.getBalanceAfter();
        version++;
    }

    @EventSourcingHandler
    void on(MoneyWithdrawn event) {
        balance = event.getBalanceAfter();
        version++;
    }

    @EventSourcingHandler
    void on(TransferDebited event) {
        balance = event.getBalanceAfter();
        if (debitsNotRefunded <= LedgerLimits.MAX_BALANCE) {
            debitsNotRefunded += event.getAmount();
        }
        version++;
    }

    @EventSourcingHandler
    void on(TransferCredited event) {
        balance = event.getBalanceAfter();
        version++;
    }

    @EventSourcingHandler
    void on(TransferRefunded event) {
        balance = event.getBalanceAfter();
        if (debitsNotRefunded <= LedgerLimits.MAX_BALANCE) {
            debitsNotRefunded = Math.max(0, debitsNotRefunded - event.getAmount());
        }
        version++;
    }

    @EventSourcingHandler
    void on(AccountFrozen event) {
        status = AccountStatus.FROZEN;
        version++;
    }

    @EventSourcingHandler
    void on(AccountUnfrozen event) {
        status = AccountStatus.OPEN;
        version++;
    }

    @EventSourcingHandler
    void on(AccountClosed event) {
        status = AccountStatus.CLOSED;
        version++;
    }
}
