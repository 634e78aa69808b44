package io.ledgerline.command.transfer;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.TransferStepOutcome;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.transfer.TransferCommand.CompleteTransfer;
import io.ledgerline.command.transfer.TransferCommand.FailTransfer;
import io.ledgerline.command.transfer.TransferCommand.RejectTransfer;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferFailed;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.contracts.transfer.TransferRequested;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Moves a transfer's money: debit the source, credit the destination, complete. A source that cannot pay
 * rejects the transfer (no money moves); a destination that cannot receive gets the source refunded and the
 * transfer fails.
 *
 * <p>Each step waits for its command, so the processor's token only passes an event once the next step is
 * stored. After a crash the event is handled again; every step is decided once per transfer and account (a
 * refusal too) and repeated unchanged, so nothing is applied twice, a rejected transfer is never debited later,
 * and every transfer reaches exactly one terminal state. The saga's state lives in PostgreSQL (JDBC saga store).
 */
@Saga
public class TransferSaga {

    private static final String TRANSFER_ID = "transferId";

    @Autowired
    private transient CommandGateway commandGateway;

    private String transferId;
    private String sourceAccountId;
    private String destinationAccountId;
    private long amount;
    private String currency;
    private String description;

    @StartSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferRequested event) {
        transferId = event.getTransferId();
        sourceAccountId = event.getSourceAccountId();
        destinationAccountId = event.getDestinationAccountId();
        amount = event.getAmount();
        currency = event.getCurrency();
        description = event.getDescription();
        TransferStepOutcome debit = commandGateway.sendAndWait(
                new DebitForTransfer(sourceAccountId, transferId, destinationAccountId, money(), description));
        if (debit.isRefused()) {
            commandGateway.sendAndWait(new RejectTransfer(transferId, debit.refusal().code()));
        }
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferDebited event) {
        TransferStepOutcome credit = commandGateway.sendAndWait(
                new CreditForTransfer(destinationAccountId, transferId, sourceAccountId, money(), description));
        if (credit.isRefused()) {
            commandGateway.sendAndWait(new RefundTransfer(sourceAccountId, transferId, money(), credit.refusal().code()));
        }
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferCredited event) {
        commandGateway.sendAndWait(new CompleteTransfer(transferId));
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferRefunded event) {
        commandGateway.sendAndWait(new FailTransfer(transferId, event.getReason()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferCompleted event) {
        // the transfer is done
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferRejected event) {
        // no money moved
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferFailed event) {
        // the source was refunded
    }

    private Money money() {
        return new Money(amount, currency);
    }
}
