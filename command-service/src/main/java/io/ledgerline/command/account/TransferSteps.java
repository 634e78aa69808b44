package io.ledgerline.command.account;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.OperationLog.Kind;
import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Handles the transfer process's steps on accounts. A step is decided once per transfer and account, refusals
 * included, and every retry gets the same decision: a process that handles an event again after a crash must not
 * debit an account whose transfer it already rejected because the balance has grown since. A missing account is
 * a recorded refusal too, which the aggregate itself cannot record (there is none).
 */
@Component
class TransferSteps {

    private final Repository<Account> accounts;
    private final OperationLog operations;

    private final TransfersInFlight transfersInFlight;

    TransferSteps(@Qualifier("accountRepository") Repository<Account> accounts, OperationLog operations,
                  TransfersInFlight transfersInFlight) {
        this.accounts = accounts;
        this.operations = operations;
        this.transfersInFlight = transfersInFlight;
    }

    @CommandHandler
    public TransferStepOutcome handle(DebitForTransfer command) {
        return decide(command.accountId(), Kind.TRANSFER_DEBIT, command.transferId(), command.money(),
                account -> account.debit(command, operations));
    }

    @CommandHandler
    public TransferStepOutcome handle(CreditForTransfer command) {
        return decide(command.accountId(), Kind.TRANSFER_CREDIT, command.transferId(), command.money(),
                account -> account.credit(command, operations, transfersInFlight));
    }

    @CommandHandler
    public TransferStepOutcome handle(RefundTransfer command) {
        return decide(command.accountId(), Kind.TRANSFER_REFUND, command.transferId(), command.money(),
                account -> account.refund(command, operations));
    }

    private TransferStepOutcome decide(String accountId, Kind kind, String transferId, Money money,
                                       Function<Account, TransferStepOutcome> step) {
        Optional<OperationLog.Entry> decided = operations.find(accountId, kind, transferId);
        if (decided.isPresent()) {
            return repeat(accountId, transferId, kind, money, decided.get());
        }
        Aggregate<Account> account;
        try {
            account = accounts.load(AggregateIds.account(accountId));
        } catch (AggregateNotFoundException missing) {
            operations.recordRefusal(accountId, kind, transferId, money, Refusal.ACCOUNT_NOT_FOUND);
            return TransferStepOutcome.refused(accountId, transferId, Refusal.ACCOUNT_NOT_FOUND);
        }
        return account.invoke(step);
    }

    private static TransferStepOutcome repeat(String accountId, String transferId, Kind kind, Money money,
                                              OperationLog.Entry entry) {
        if (entry.kind() != kind || !money.sameAs(entry.amount(), entry.currency())) {
            throw Refusal.TRANSACTION_ID_CONFLICT.because(
                    "transfer " + transferId + " was already used on this account for another operation");
        }
        return entry.refusal() != null ? TransferStepOutcome.refused(accountId, transferId, entry.refusal())
                : TransferStepOutcome.applied(accountId, transferId, entry.version(), entry.balanceAfter());
    }
}
