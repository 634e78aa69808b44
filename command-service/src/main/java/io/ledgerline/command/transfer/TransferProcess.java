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
import io.ledgerline.contracts.transfer.TransferRequested;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Moves a transfer's money: debit the source, credit the destination, complete. A source that cannot pay
 * rejects the transfer (no money moves); a destination that cannot receive gets the source refunded and the
 * transfer fails.
 *
 * <pre>
 * TransferRequested ─▶ DebitForTransfer(source) ──refused──▶ RejectTransfer(code)
 * TransferDebited   ─▶ CreditForTransfer(destination) ──refused──▶ RefundTransfer(source, reason)
 * TransferCredited  ─▶ CompleteTransfer                TransferRefunded ─▶ FailTransfer(reason)
 * </pre>
 *
 * <p>A process manager without state of its own: every step follows from one event, and each event carries what
 * the next step needs (the debit names the destination, the credit the source, the refund its reason). So there
 * is no saga instance to look up, load and store for every event: the transfer's state is its own stream and the
 * accounts'. A step does not block the processor: it is sent, and the processor goes on with the next event of
 * its batch, so a batch of transfers is stepped in one group commit. Every step (with its follow-up, such as the
 * rejection after a refused debit) is awaited before the batch's token commits ({@link AwaitedBeforeCommit}),
 * so the token passes an event only once the step it caused is stored. After a crash the event is handled again;
 * every step is decided once per transfer and account (a refusal too) and repeated unchanged, and a terminal
 * transfer ignores further terminal commands: nothing is applied twice, a rejected transfer is never debited
 * later, and every transfer reaches exactly one terminal state.
 */
@Component
@ProcessingGroup(TransferProcess.PROCESSING_GROUP)
public class TransferProcess {

    public static final String PROCESSING_GROUP = "transfer-process";
    /** How long a batch of events waits for its steps before it is rolled back and retried. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private final CommandGateway commands;

    TransferProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(TransferRequested event) {
        Money money = new Money(event.getAmount(), event.getCurrency());
        step(commands.<TransferStepOutcome>send(new DebitForTransfer(event.getSourceAccountId(),
                        event.getTransferId(), event.getDestinationAccountId(), money, event.getDescription()))
                .thenCompose(debit -> debit.isRefused()
                        ? commands.send(new RejectTransfer(event.getTransferId(), debit.refusal().code()))
                        : done()));
    }

    @EventHandler
    void on(TransferDebited event) {
        Money money = new Money(event.getAmount(), event.getCurrency());
        step(commands.<TransferStepOutcome>send(new CreditForTransfer(event.getCounterpartyAccountId(),
                        event.getTransferId(), event.getAccountId(), money, event.getDescription()))
                .thenCompose(credit -> credit.isRefused()
                        ? commands.send(new RefundTransfer(event.getAccountId(), event.getTransferId(), money,
                                credit.refusal().code()))
                        : done()));
    }

    @EventHandler
    void on(TransferCredited event) {
        step(commands.send(new CompleteTransfer(event.getTransferId())));
    }

    @EventHandler
    void on(TransferRefunded event) {
        step(commands.send(new FailTransfer(event.getTransferId(), event.getReason())));
    }

    private static void step(CompletableFuture<?> step) {
        AwaitedBeforeCommit.register(step, STEP_TIMEOUT);
    }

    private static CompletableFuture<Object> done() {
        return CompletableFuture.completedFuture(null);
    }
}
