package io.ledgerline.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.TransferStepOutcome;
import io.ledgerline.command.batch.AwaitedBeforeCommit;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.command.transfer.TransferCommand.CompleteTransfer;
import io.ledgerline.command.transfer.TransferCommand.FailTransfer;
import io.ledgerline.command.transfer.TransferCommand.RejectTransfer;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.contracts.transfer.TransferRequested;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * Every path of the transfer process (PRODUCT.md §2, the transfer table), on Axon's own command bus and gateway
 * with handlers that answer the steps as the accounts would; each event is handled in a unit of work, as the
 * processor's batch handles it.
 */
class TransferProcessTest {

    private static final String T = "t-1";
    private static final Money FIFTY = new Money(50, "EUR");

    private final List<Object> dispatched = new CopyOnWriteArrayList<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final TransferProcess process = new TransferProcess(DefaultCommandGateway.builder().commandBus(bus).build());

    private void answering(Function<Object, Object> outcome) {
        for (Class<?> type : List.of(DebitForTransfer.class, CreditForTransfer.class, RefundTransfer.class,
                RejectTransfer.class, CompleteTransfer.class, FailTransfer.class)) {
            bus.subscribe(type.getName(), (CommandMessage<?> command) -> {
                dispatched.add(command.getPayload());
                return outcome.apply(command.getPayload());
            });
        }
    }

    private void everyStepApplied() {
        answering(command -> new TransferStepOutcome("src", T, null, 2L, 50L));
    }

    private static TransferStepOutcome refused(String account, Refusal refusal) {
        return new TransferStepOutcome(account, T, refusal, null, null);
    }

    private static TransferRequested requested() {
        return TransferRequested.newBuilder().setTransferId(T).setSourceAccountId("src")
                .setDestinationAccountId("dst").setAmount(50).setCurrency("EUR").setDescription("rent").build();
    }

    private static TransferDebited debited() {
        return TransferDebited.newBuilder().setAccountId("src").setTransferId(T).setCounterpartyAccountId("dst")
                .setAmount(50).setCurrency("EUR").setBalanceAfter(50).setDescription("rent").build();
    }

    private static TransferCredited credited() {
        return TransferCredited.newBuilder().setAccountId("dst").setTransferId(T).setCounterpartyAccountId("src")
                .setAmount(50).setCurrency("EUR").setBalanceAfter(50).setDescription("rent").build();
    }

    private static TransferRefunded refunded(String reason) {
        return TransferRefunded.newBuilder().setAccountId("src").setTransferId(T).setAmount(50).setCurrency("EUR")
                .setBalanceAfter(100).setReason(reason).build();
    }

    /** Handles one event in a unit of work and commits it, as the processor commits its batch. */
    private void handle(Object event, java.util.function.Consumer<TransferProcess> handler) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(event));
        handler.accept(process);
        batch.commit();
    }

    @Test
    void debitsTheSourceWhenATransferIsRequested() {
        everyStepApplied();
        handle(requested(), p -> p.on(requested()));
        assertThat(dispatched).containsExactly(new DebitForTransfer("src", T, "dst", FIFTY, "rent"));
    }

    @Test
    void rejectsTheTransferWithTheRefusalCodeWhenTheSourceCannotPay() {
        answering(command -> command instanceof DebitForTransfer ? refused("src", Refusal.INSUFFICIENT_FUNDS)
                : new TransferStepOutcome("src", T, null, 2L, 50L));
        handle(requested(), p -> p.on(requested()));
        assertThat(dispatched).containsExactly(new DebitForTransfer("src", T, "dst", FIFTY, "rent"),
                new RejectTransfer(T, "insufficient-funds"));
    }

    @Test
    void rejectsTheTransferWhenTheSourceIsMissing() {
        answering(command -> command instanceof DebitForTransfer ? refused("src", Refusal.ACCOUNT_NOT_FOUND)
                : new TransferStepOutcome("src", T, null, 2L, 50L));
        handle(requested(), p -> p.on(requested()));
        assertThat(dispatched).containsExactly(new DebitForTransfer("src", T, "dst", FIFTY, "rent"),
                new RejectTransfer(T, "account-not-found"));
    }

    @Test
    void creditsTheDestinationTheDebitNames() {
        everyStepApplied();
        handle(debited(), p -> p.on(debited()));
        assertThat(dispatched).containsExactly(new CreditForTransfer("dst", T, "src", FIFTY, "rent"));
    }

    @Test
    void refundsTheSourceWhenTheDestinationCannotReceive() {
        answering(command -> command instanceof CreditForTransfer ? refused("dst", Refusal.ACCOUNT_CLOSED)
                : new TransferStepOutcome("src", T, null, 2L, 50L));
        handle(debited(), p -> p.on(debited()));
        assertThat(dispatched).containsExactly(new CreditForTransfer("dst", T, "src", FIFTY, "rent"),
                new RefundTransfer("src", T, FIFTY, "account-closed"));
    }

    @Test
    void completesTheTransferOnceTheDestinationIsCredited() {
        everyStepApplied();
        handle(credited(), p -> p.on(credited()));
        assertThat(dispatched).containsExactly(new CompleteTransfer(T));
    }

    @Test
    void failsTheTransferWithTheReasonOnceTheSourceIsRefunded() {
        everyStepApplied();
        handle(refunded("currency-mismatch"), p -> p.on(refunded("currency-mismatch")));
        assertThat(dispatched).containsExactly(new FailTransfer(T, "currency-mismatch"));
    }

    @Test
    void aBatchDoesNotCommitBeforeItsStepsAreStored() throws InterruptedException {
        CompletableFuture<Object> debitStored = new CompletableFuture<>();
        List<String> order = new CopyOnWriteArrayList<>();
        AsynchronousCommandBus asynchronous = AsynchronousCommandBus.builder().build();
        asynchronous.subscribe(DebitForTransfer.class.getName(), command -> debitStored.join());
        TransferProcess stepping = new TransferProcess(DefaultCommandGateway.builder().commandBus(asynchronous).build());
        Thread processor = new Thread(() -> {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(requested()));
            batch.onCommit(u -> order.add("batch committed"));
            stepping.on(requested());
            batch.commit();
        });
        processor.start();
        // either the batch waits for its step, or (wrongly) it has committed already
        await().atMost(Duration.ofSeconds(30)).until(() -> processor.getState() == Thread.State.TIMED_WAITING
                || !order.isEmpty());
        order.add("debit stored");
        debitStored.complete(new TransferStepOutcome("src", T, null, 2L, 50L));
        processor.join(30_000);
        assertThat(order).containsExactly("debit stored", "batch committed");
        asynchronous.shutdown();
    }

    @Test
    void aBatchWhoseStepFailsIsRolledBackToBeHandledAgain() {
        answering(command -> {
            throw new IllegalStateException("the database is gone");
        });
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(requested()));
        List<String> phases = new CopyOnWriteArrayList<>();
        batch.onCommit(u -> phases.add("committed"));
        batch.onRollback(u -> phases.add("rolled back"));
        process.on(requested());
        assertThatThrownBy(batch::commit).isInstanceOf(AwaitedBeforeCommit.WorkNotDoneException.class);
        assertThat(phases).containsExactly("rolled back");
    }
}
