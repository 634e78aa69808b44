package io.ledgerline.command.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.ledgerline.command.account.AccountDirectory;
import io.ledgerline.command.account.TransfersInFlight;
import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.command.transfer.TransferCommand.CompleteTransfer;
import io.ledgerline.command.transfer.TransferCommand.FailTransfer;
import io.ledgerline.command.transfer.TransferCommand.RejectTransfer;
import io.ledgerline.command.transfer.TransferCommand.RequestTransfer;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferFailed;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.contracts.transfer.TransferRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A transfer's own stream: TransferRequested, then exactly one of TransferCompleted, TransferRejected or
 * TransferFailed. The money moves in the accounts' streams, driven by {@link TransferProcess}. The transfer id is
 * consumed globally by this stream's existence: a repeat reports the current status, other content conflicts.
 */
@Aggregate(repository = "transferRepository", commandTargetResolver = "commandTargetResolver")
public class Transfer {

    @AggregateIdentifier
    private String id;
    private String transferId;
    private String sourceAccountId;
    private String destinationAccountId;
    private long amount;
    private String currency;
    private TransferStatus status;
    private long version;

    protected Transfer() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TransferOutcome handle(RequestTransfer command, AccountDirectory accounts,
                                  TransfersInFlight transfersInFlight) {
        if (command.caller().ownAccountsOnly()) {
            boolean ownsSource = accounts.ownerOf(command.sourceAccountId())
                    .filter(owner -> command.caller().mayActOnAccountOf(owner)).isPresent();
            if (!ownsSource) {
                throw Refusal.ACCOUNT_NOT_FOUND.because("account not found"); // as for a missing one
            }
        }
        if (id != null) {
            boolean sameTransfer = sourceAccountId.equals(command.sourceAccountId())
                    && destinationAccountId.equals(command.destinationAccountId())
                    && command.money().sameAs(amount, currency);
            if (!sameTransfer) {
                throw Refusal.TRANSACTION_ID_CONFLICT.because(
                        "transfer id " + transferId + " was already used for another transfer");
            }
            return outcome();
        }
        apply(TransferEvents.requested(command.transferId(), command.sourceAccountId(),
                command.destinationAccountId(), command.money(), command.description()));
        transfersInFlight.register(transferId, sourceAccountId, destinationAccountId);
        return outcome();
    }

    @CommandHandler
    public TransferOutcome handle(CompleteTransfer command, TransfersInFlight transfersInFlight) {
        if (!status.isTerminal()) {
            apply(TransferEvents.completed(transferId));
            transfersInFlight.release(transferId);
        }
        return outcome();
    }

    @CommandHandler
    public TransferOutcome handle(RejectTransfer command, TransfersInFlight transfersInFlight) {
        if (!status.isTerminal()) {
            apply(TransferEvents.rejected(transferId, command.code()));
            transfersInFlight.release(transferId);
        }
        return outcome();
    }

    @CommandHandler
    public TransferOutcome handle(FailTransfer command, TransfersInFlight transfersInFlight) {
        if (!status.isTerminal()) {
            apply(TransferEvents.failed(transferId, command.reason()));
            transfersInFlight.release(transferId);
        }
        return outcome();
    }

    private TransferOutcome outcome() {
        return new TransferOutcome(transferId, status, version);
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        id = AggregateIds.transfer(event.getTransferId());
        transferId = event.getTransferId();
        sourceAccountId = event.getSourceAccountId();
        destinationAccountId = event.getDestinationAccountId();
        amount = event.getAmount();
        currency = event.getCurrency();
        status = TransferStatus.REQUESTED;
        version = 1;
    }

    @EventSourcingHandler
    void on(TransferCompleted event) {
        status = TransferStatus.COMPLETED;
        version++;
    }

    @EventSourcingHandler
    void on(TransferRejected event) {
        status = TransferStatus.REJECTED;
        version++;
    }

    @EventSourcingHandler
    void on(TransferFailed event) {
        status = TransferStatus.FAILED;
        version++;
    }
}
