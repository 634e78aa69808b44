package io.ledgerline.command.transfer;

import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.TransferStepOutcome;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
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
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path of the transfer saga (PRODUCT.md §2, the transfer table). */
class TransferSagaTest {

    private static final String T = "t-1";
    private static final Money FIFTY = new Money(50, "EUR");

    private SagaTestFixture<TransferSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TransferSaga.class);
        fixture.registerCommandGateway(CommandGateway.class);
        fixture.setCallbackBehavior((command, metaData) -> applied("src"));
    }

    private static TransferStepOutcome applied(String account) {
        return new TransferStepOutcome(account, T, null, 2L, 50L);
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

    @Test
    void debitsTheSourceWhenATransferIsRequested() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new DebitForTransfer("src", T, "dst", FIFTY, "rent"));
    }

    @Test
    void rejectsTheTransferWithTheRefusalCodeWhenTheSourceCannotPay() {
        fixture.setCallbackBehavior((command, metaData) -> command instanceof DebitForTransfer
                ? refused("src", Refusal.INSUFFICIENT_FUNDS) : applied("src"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectDispatchedCommands(new DebitForTransfer("src", T, "dst", FIFTY, "rent"),
                        new RejectTransfer(T, "insufficient-funds"));
    }

    @Test
    void rejectsTheTransferWhenTheSourceIsMissing() {
        fixture.setCallbackBehavior((command, metaData) -> command instanceof DebitForTransfer
                ? refused("src", Refusal.ACCOUNT_NOT_FOUND) : applied("src"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectDispatchedCommands(new DebitForTransfer("src", T, "dst", FIFTY, "rent"),
                        new RejectTransfer(T, "account-not-found"));
    }

    @Test
    void creditsTheDestinationOnceTheSourceIsDebited() {
        fixture.givenAPublished(requested())
                .whenPublishingA(debited())
                .expectDispatchedCommands(new CreditForTransfer("dst", T, "src", FIFTY, "rent"));
    }

    @Test
    void refundsTheSourceWhenTheDestinationCannotReceive() {
        fixture.setCallbackBehavior((command, metaData) -> command instanceof CreditForTransfer
                ? refused("dst", Refusal.ACCOUNT_CLOSED) : applied("src"));
        fixture.givenAPublished(requested())
                .whenPublishingA(debited())
                .expectDispatchedCommands(new CreditForTransfer("dst", T, "src", FIFTY, "rent"),
                        new RefundTransfer("src", T, FIFTY, "account-closed"));
    }

    @Test
    void completesTheTransferOnceTheDestinationIsCredited() {
        fixture.givenAPublished(requested()).andThenAPublished(debited())
                .whenPublishingA(credited())
                .expectDispatchedCommands(new CompleteTransfer(T));
    }

    @Test
    void failsTheTransferWithTheReasonOnceTheSourceIsRefunded() {
        fixture.givenAPublished(requested()).andThenAPublished(debited())
                .whenPublishingA(refunded("currency-mismatch"))
                .expectDispatchedCommands(new FailTransfer(T, "currency-mismatch"));
    }

    @Test
    void endsWithEveryTerminalEvent() {
        fixture.givenAPublished(requested()).whenPublishingA(TransferCompleted.newBuilder().setTransferId(T).build())
                .expectActiveSagas(0);
        fixture.givenAPublished(requested())
                .whenPublishingA(TransferRejected.newBuilder().setTransferId(T).setCode("account-frozen").build())
                .expectActiveSagas(0);
        fixture.givenAPublished(requested())
                .whenPublishingA(TransferFailed.newBuilder().setTransferId(T).setReason("account-closed").build())
                .expectActiveSagas(0);
    }

    @Test
    void ignoresStepsOfOtherTransfers() {
        TransferDebited other = TransferDebited.newBuilder(debited()).setTransferId("t-2").build();
        fixture.givenAPublished(requested())
                .whenPublishingA(other)
                .expectNoDispatchedCommands();
    }
}
