package io.ledgerline.command.transfer;

import static io.ledgerline.command.support.Refusals.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.account.AccountDirectory;
import io.ledgerline.command.account.InMemoryTransfersInFlight;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.command.transfer.TransferCommand.CompleteTransfer;
import io.ledgerline.command.transfer.TransferCommand.FailTransfer;
import io.ledgerline.command.transfer.TransferCommand.RejectTransfer;
import io.ledgerline.command.transfer.TransferCommand.RequestTransfer;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transfer's own stream: requested once, then exactly one terminal event. */
class TransferTest {

    private static final Money FIFTY = new Money(50, "EUR");
    private static final Map<String, String> OWNERS = Map.of("src", "alice", "dst", "bob");

    private AggregateTestFixture<Transfer> fixture;
    private InMemoryTransfersInFlight inFlight;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
        inFlight = new InMemoryTransfersInFlight();
        AccountDirectory directory = accountId -> Optional.ofNullable(OWNERS.get(accountId));
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(inFlight);
    }

    private static RequestTransfer request(Caller caller) {
        return new RequestTransfer("t-1", "src", "dst", FIFTY, "rent", caller);
    }

    private static Object requested() {
        return TransferEvents.requested("t-1", "src", "dst", FIFTY, "rent");
    }

    @Test
    void requestsATransferAndMarksBothAccountsInFlight() {
        fixture.givenNoPriorActivity()
                .when(request(Caller.customer("alice")))
                .expectEvents(requested())
                .expectResultMessagePayload(new TransferOutcome("t-1", TransferStatus.REQUESTED, 1));
        assertThat(inFlight.involves("src")).isTrue();
        assertThat(inFlight.involves("dst")).isTrue();
    }

    @Test
    void refusesACustomerWhoDoesNotOwnTheSource() {
        fixture.givenNoPriorActivity()
                .when(request(Caller.customer("bob")))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.ACCOUNT_NOT_FOUND));
    }

    @Test
    void refusesACustomerWhenTheSourceDoesNotExist() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransfer("t-1", "missing", "dst", FIFTY, null, Caller.customer("alice")))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.ACCOUNT_NOT_FOUND));
    }

    @Test
    void acceptsAServiceTransferFromAnyAccountEvenAMissingOne() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransfer("t-1", "missing", "dst", FIFTY, null, Caller.trusted("payments")))
                .expectEvents(TransferEvents.requested("t-1", "missing", "dst", FIFTY, null));
    }

    @Test
    void reportsTheCurrentStatusWhenTheSameTransferIsRequestedAgain() {
        fixture.given(requested(), TransferEvents.completed("t-1"))
                .when(request(Caller.trusted("payments")))
                .expectNoEvents()
                .expectResultMessagePayload(new TransferOutcome("t-1", TransferStatus.COMPLETED, 2));
    }

    @Test
    void refusesATransferIdReusedForAnotherTransfer() {
        fixture.given(requested())
                .when(new RequestTransfer("t-1", "src", "dst", new Money(51, "EUR"), null, Caller.trusted("p")))
                .expectNoEvents()
                .expectException(refusedWith(Refusal.TRANSACTION_ID_CONFLICT));
    }

    @Test
    void completesAndReleasesTheAccounts() {
        inFlight.register("t-1", "src", "dst");
        fixture.given(requested())
                .when(new CompleteTransfer("t-1"))
                .expectEvents(TransferEvents.completed("t-1"))
                .expectResultMessagePayload(new TransferOutcome("t-1", TransferStatus.COMPLETED, 2));
        assertThat(inFlight.isInFlight("t-1")).isFalse();
    }

    @Test
    void reachesExactlyOneTerminalState() {
        fixture.given(requested(), TransferEvents.rejected("t-1", "insufficient-funds"))
                .when(new CompleteTransfer("t-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new TransferOutcome("t-1", TransferStatus.REJECTED, 2));
        fixture.given(requested(), TransferEvents.completed("t-1"))
                .when(new FailTransfer("t-1", "account-closed"))
                .expectNoEvents();
        fixture.given(requested(), TransferEvents.failed("t-1", "account-closed"))
                .when(new RejectTransfer("t-1", "insufficient-funds"))
                .expectNoEvents();
    }

    @Test
    void recordsTheRefusalCodeWhenRejected() {
        fixture.given(requested())
                .when(new RejectTransfer("t-1", "insufficient-funds"))
                .expectEvents(TransferEvents.rejected("t-1", "insufficient-funds"));
    }

    @Test
    void recordsTheReasonWhenFailed() {
        fixture.given(requested())
                .when(new FailTransfer("t-1", "account-not-found"))
                .expectEvents(TransferEvents.failed("t-1", "account-not-found"));
    }
}
