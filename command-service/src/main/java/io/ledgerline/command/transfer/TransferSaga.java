package io.ledgerline.command.transfer;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.TransferStepOutcome;
import io.ledgerline.command.batch.AwaitedBeforeCommit;
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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * <p>A step does not block the saga's thread: it is sent, and the saga goes on with the next event of its batch,
 * so the steps of a whole batch of transfers are decided together (in one group commit). The processor's token
 * still passes an event only once the step it caused is stored: every step (with its follow-up, such as the
 * rejection after a refused debit) is awaited before the batch commits ({@link AwaitedBeforeCommit}). After a
 * crash the event is handled again; every step is decided once per transfer and account (a refusal too) and
 * repeated unchanged, so nothing is applied twice, a rejected transfer is never debited later, and every transfer
 * reaches exactly one terminal state. The saga's state lives in PostgreSQL (JDBC saga store).
 */
@Saga
public class TransferSaga {

    private static final String TRANSFER_ID = "transferId";
    /** How long a batch of the saga's events waits for its steps before it is rolled back and retried. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

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
        step(commandGateway.<TransferStepOutcome>send(
                new DebitForTransfer(sourceAccountId, transferId, destinationAccountId, money(), description))
                .thenCompose(debit -> debit.isRefused()
                        ? commandGateway.send(new RejectTransfer(transferId, debit.refusal().code()))
                        : done()));
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferDebited event) {
        step(commandGateway.<TransferStepOutcome>send(
                new CreditForTransfer(destinationAccountId, transferId, sourceAccountId, money(), description))
                .thenCompose(credit -> credit.isRefused()
                        ? commandGateway.send(new RefundTransfer(sourceAccountId, transferId, money(),
                                credit.refusal().code()))
                        : done()));
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferCredited event) {
        step(commandGateway.send(new CompleteTransfer(transferId)));
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    public void on(TransferRefunded event) {
        step(commandGateway.send(new FailTransfer(transferId, event.getReason())));
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

    private static void step(CompletableFuture<?> step) {
        AwaitedBeforeCommit.register(step, STEP_TIMEOUT);
    }

    private static CompletableFuture<Object> done() {
        return CompletableFuture.completedFuture(null);
    }

    private Money money() {
        return new Money(amount, currency);
    }
}
