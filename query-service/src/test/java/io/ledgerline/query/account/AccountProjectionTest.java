package io.ledgerline.query.account;

import static io.ledgerline.query.support.Envelopes.T0;
import static io.ledgerline.query.support.Envelopes.account;
import static io.ledgerline.testkit.events.Events.closed;
import static io.ledgerline.testkit.events.Events.credited;
import static io.ledgerline.testkit.events.Events.debited;
import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.frozen;
import static io.ledgerline.testkit.events.Events.opened;
import static io.ledgerline.testkit.events.Events.refunded;
import static io.ledgerline.testkit.events.Events.unfrozen;
import static io.ledgerline.testkit.events.Events.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.query.projection.AggregateKey;
import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.BatchFold;
import io.ledgerline.query.projection.BatchProjector;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.Outcome;
import io.ledgerline.query.projection.StreamProjection;
import io.ledgerline.query.support.Envelopes;
import io.ledgerline.query.support.InMemoryDocuments;
import io.ledgerline.query.support.InMemoryParkedEvents;
import io.ledgerline.query.transfer.TransferEvolution;
import io.ledgerline.query.transfer.TransferView;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountProjectionTest {

    private static final String ID = "acc-1";

    private final InMemoryAccountStore store = new InMemoryAccountStore();
    private final InMemoryParkedEvents parked = new InMemoryParkedEvents();
    private final BatchProjector projector = new BatchProjector(parked,
            new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION, store),
            new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION,
                    new InMemoryDocuments<>(TransferView::transferId, TransferView::version)));
    /** Each event in a batch of its own, as the per-event projection saw them. */
    private final Projection projection = event -> projector.apply(List.of(event)).get(0);

    private interface Projection {
        Outcome handle(EventEnvelope event);
    }

    private final EventEnvelope v1 = account(ID, 1, opened(ID, "owner-1", "EUR", 500));
    private final EventEnvelope v2 = account(ID, 2, deposited(ID, "tx-1", 1_000, "EUR", 1_000, "salary"));
    private final EventEnvelope v3 = account(ID, 3, withdrawn(ID, "tx-2", 300, "EUR", 700));
    private final EventEnvelope v4 = account(ID, 4, frozen(ID));
    private final EventEnvelope v5 = account(ID, 5, deposited(ID, "tx-3", 50, "EUR", 750, null));

    private AccountView stored() {
        return store.find(ID).orElseThrow();
    }

    @Test
    void opensTheAccountAtVersionOneWithZeroBalance() {
        assertThat(projection.handle(v1)).isEqualTo(Outcome.APPLIED);

        assertThat(stored()).isEqualTo(new AccountView(ID, "owner-1", "EUR", 0, 500, AccountStatus.OPEN, 1,
                T0.plusSeconds(60), T0.plusSeconds(60)));
        assertThat(store.statement(ID)).isEmpty();
    }

    @Test
    void depositTakesTheBalanceFromBalanceAfterAndAddsADepositLine() {
        projection.handle(v1);
        projection.handle(v2);

        assertThat(stored().balance()).isEqualTo(1_000);
        assertThat(stored().version()).isEqualTo(2);
        assertThat(stored().updatedAt()).isEqualTo(v2.occurredAt());
        assertThat(stored().openedAt()).isEqualTo(v1.occurredAt());
        assertThat(store.statement(ID)).singleElement().isEqualTo(new StatementRow("acc-1:2", ID, 2, "tx-1",
                StatementType.DEPOSIT, 1_000, 1_000, v2.occurredAt(), null, "salary"));
    }

    @Test
    void withdrawalAddsAWithdrawalLineWithAPositiveAmount() {
        projection.handle(v1);
        projection.handle(v2);
        projection.handle(v3);

        assertThat(stored().balance()).isEqualTo(700);
        StatementRow line = store.statement(ID).get(0);
        assertThat(line.type()).isEqualTo(StatementType.WITHDRAWAL);
        assertThat(line.amount()).isEqualTo(300);
        assertThat(line.balanceAfter()).isEqualTo(700);
        assertThat(line.transactionId()).isEqualTo("tx-2");
    }

    @Test
    void freezeUnfreezeAndCloseAdvanceTheVersionWithoutStatementLines() {
        projection.handle(v1);
        projection.handle(account(ID, 2, frozen(ID)));
        assertThat(stored().status()).isEqualTo(AccountStatus.FROZEN);
        projection.handle(account(ID, 3, unfrozen(ID)));
        assertThat(stored().status()).isEqualTo(AccountStatus.OPEN);
        projection.handle(account(ID, 4, closed(ID)));

        assertThat(stored().status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(stored().version()).isEqualTo(4);
        assertThat(store.statement(ID)).isEmpty();
    }

    @Test
    void transferLinesCarryTheTransferIdAsTransactionId() {
        projection.handle(v1);
        projection.handle(account(ID, 2, credited(ID, "tr-1", "acc-9", 400, "EUR", 400)));
        projection.handle(account(ID, 3, debited(ID, "tr-2", "acc-9", 100, "EUR", 300)));
        projection.handle(account(ID, 4, refunded(ID, "tr-2", 100, "EUR", 400)));

        assertThat(store.statement(ID)).extracting(StatementRow::type, StatementRow::transactionId,
                        StatementRow::transferId, StatementRow::amount, StatementRow::balanceAfter)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StatementType.TRANSFER_REFUND, "tr-2", "tr-2", 100L, 400L),
                        org.assertj.core.groups.Tuple.tuple(StatementType.TRANSFER_OUT, "tr-2", "tr-2", 100L, 300L),
                        org.assertj.core.groups.Tuple.tuple(StatementType.TRANSFER_IN, "tr-1", "tr-1", 400L, 400L));
        assertThat(stored().balance()).isEqualTo(400);
        assertThat(store.statement(ID).get(2).description()).isEqualTo("rent");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        projection.handle(v1);
        projection.handle(v2);
        projection.handle(v3);
        AccountView before = stored();

        assertThat(projection.handle(v2)).isEqualTo(Outcome.DUPLICATE);
        assertThat(projection.handle(v3)).isEqualTo(Outcome.DUPLICATE);
        assertThat(projection.handle(v1)).isEqualTo(Outcome.DUPLICATE);

        assertThat(stored()).isEqualTo(before);
        assertThat(store.statement(ID)).hasSize(2);
    }

    @Test
    void anEventAfterAGapIsParkedAndNotApplied() {
        projection.handle(v1);
        projection.handle(v2);

        assertThat(projection.handle(v4)).isEqualTo(Outcome.PARKED);
        assertThat(projection.handle(v5)).isEqualTo(Outcome.PARKED);

        assertThat(stored().version()).isEqualTo(2);
        assertThat(stored().balance()).isEqualTo(1_000);
        assertThat(store.statement(ID)).hasSize(1);
        assertThat(parked.size()).isEqualTo(2);
    }

    @Test
    void theMissingEventIsAppliedAndThenTheParkedOnesInOrder() {
        projection.handle(v1);
        projection.handle(v2);
        projection.handle(v5);
        projection.handle(v4);

        assertThat(projection.handle(v3)).isEqualTo(Outcome.APPLIED);

        assertThat(stored().version()).isEqualTo(5);
        assertThat(stored().balance()).isEqualTo(750);
        assertThat(stored().status()).isEqualTo(AccountStatus.FROZEN);
        assertThat(store.statement(ID)).extracting(StatementRow::version).containsExactly(5L, 3L, 2L);
        assertThat(parked.size()).isZero();
    }

    @Test
    void eventsBeforeTheOpeningWaitForIt() {
        assertThat(projection.handle(v2)).isEqualTo(Outcome.PARKED);
        assertThat(store.find(ID)).isEmpty();

        projection.handle(v1);

        assertThat(stored().version()).isEqualTo(2);
        assertThat(stored().balance()).isEqualTo(1_000);
    }

    @Test
    void aParkedEventDeliveredAgainIsKeptOnceAndIgnoredAfterTheGapCloses() {
        projection.handle(v1);
        projection.handle(v3);
        projection.handle(v3);
        assertThat(parked.size()).isEqualTo(1);

        projection.handle(v2);
        assertThat(projection.handle(v3)).isEqualTo(Outcome.DUPLICATE);

        assertThat(stored().version()).isEqualTo(3);
        assertThat(store.statement(ID)).hasSize(2);
    }

    @Test
    void aCrashBetweenTheStatementLineAndTheAccountHealsOnRedelivery() {
        projection.handle(v1);
        // the line of v2 was written, then the process died before the account document moved
        AccountEvolution.statementRow(v2).ifPresent(store::addStatementRow);

        assertThat(projection.handle(v2)).isEqualTo(Outcome.APPLIED);

        assertThat(stored().version()).isEqualTo(2);
        assertThat(stored().balance()).isEqualTo(1_000);
        assertThat(store.statement(ID)).hasSize(1);
    }

    @Test
    void refusesAnEventOfTheOtherStream() {
        EventEnvelope transferEvent = Envelopes.transfer("tr-1", 1,
                io.ledgerline.testkit.events.Events.requested("tr-1", "a", "b", 1, "EUR"));

        assertThatThrownBy(() -> BatchFold.fold(new AggregateKey(AggregateType.ACCOUNT, ID), null,
                AccountEvolution.EVOLUTION, List.of(transferEvent), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
