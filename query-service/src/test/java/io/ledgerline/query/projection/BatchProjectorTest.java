package io.ledgerline.query.projection;

import static io.ledgerline.query.support.Envelopes.account;
import static io.ledgerline.query.support.Envelopes.transfer;
import static io.ledgerline.testkit.events.Events.completed;
import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.opened;
import static io.ledgerline.testkit.events.Events.requested;
import static io.ledgerline.testkit.events.Events.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.support.InMemoryDocuments;
import io.ledgerline.query.support.InMemoryParkedEvents;
import io.ledgerline.query.transfer.TransferEvolution;
import io.ledgerline.query.transfer.TransferStatus;
import io.ledgerline.query.transfer.TransferView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch fold and the projector's rounds on in-memory stores with the same version guard as MongoDB's. */
class BatchProjectorTest {

    private static final String ID = "x-1";
    private static final AggregateKey ACCOUNT = new AggregateKey(AggregateType.ACCOUNT, ID);

    private final InMemoryDocuments<AccountView> accounts =
            new InMemoryDocuments<>(AccountView::accountId, AccountView::version);
    private final InMemoryDocuments<TransferView> transfers =
            new InMemoryDocuments<>(TransferView::transferId, TransferView::version);
    private final InMemoryParkedEvents parked = new InMemoryParkedEvents();
    private final BatchProjector projector = new BatchProjector(parked,
            new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION, accounts),
            new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION, transfers));

    private final EventEnvelope v1 = account(ID, 1, opened(ID, "owner-1", "EUR", 0));
    private final EventEnvelope v2 = account(ID, 2, deposited(ID, "t1", 100, "EUR", 100, null));
    private final EventEnvelope v3 = account(ID, 3, withdrawn(ID, "t2", 30, "EUR", 70));
    private final EventEnvelope v4 = account(ID, 4, deposited(ID, "t3", 5, "EUR", 75, null));
    private final EventEnvelope v5 = account(ID, 5, withdrawn(ID, "t4", 75, "EUR", 0));

    @Test
    void consecutiveVersionsAreFoldedIntoOneWrite() {
        List<Outcome> outcomes = projector.apply(List.of(v1, v2, v3, v4, v5));

        assertThat(outcomes).containsOnly(Outcome.APPLIED).hasSize(5);
        assertThat(accounts.get(ID).version()).isEqualTo(5);
        assertThat(accounts.get(ID).balance()).isZero();
        assertThat(accounts.writes).isEqualTo(1);
        assertThat(accounts.reads).isEqualTo(1);
        assertThat(transfers.reads).isZero();
    }

    @Test
    void theFoldAppliesOnlyTheSuccessorsOfTheStoredVersion() {
        AccountView atTwo = AccountEvolution.evolve(AccountEvolution.opened(v1), v2);

        AggregateFold<AccountView> fold = BatchFold.fold(ACCOUNT, atTwo, AccountEvolution.EVOLUTION,
                List.of(v4, v2, v3, v1), List.of());

        assertThat(fold.beforeVersion()).isEqualTo(2);
        assertThat(fold.applied()).containsExactly(v3, v4);
        assertThat(fold.afterVersion()).isEqualTo(4);
        assertThat(fold.after().balance()).isEqualTo(75);
        assertThat(fold.outcomes()).containsExactly(Outcome.APPLIED, Outcome.DUPLICATE, Outcome.APPLIED,
                Outcome.DUPLICATE);
        assertThat(fold.toPark()).isEmpty();
    }

    @Test
    void duplicatesInOneBatchAreAppliedOnce() {
        List<Outcome> outcomes = projector.apply(List.of(v1, v2, v2, v1, v3, v2));

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE, Outcome.DUPLICATE,
                Outcome.APPLIED, Outcome.DUPLICATE);
        assertThat(accounts.get(ID).version()).isEqualTo(3);
        assertThat(accounts.get(ID).balance()).isEqualTo(70);
    }

    @Test
    void aGapInsideABatchParksEverythingPastIt() {
        List<Outcome> outcomes = projector.apply(List.of(v1, v2, v4, v5, v5));

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.PARKED, Outcome.PARKED,
                Outcome.PARKED);
        assertThat(accounts.get(ID).version()).isEqualTo(2);
        assertThat(accounts.get(ID).balance()).isEqualTo(100);
        assertThat(parked.versions(ACCOUNT)).containsExactly(4L, 5L);
    }

    @Test
    void aParkedEventIsDrainedByALaterBatch() {
        projector.apply(List.of(v1, v4, v5));
        assertThat(parked.versions(ACCOUNT)).containsExactly(4L, 5L);
        assertThat(accounts.get(ID).version()).isEqualTo(1);

        assertThat(projector.apply(List.of(v2))).containsExactly(Outcome.APPLIED);
        assertThat(accounts.get(ID).version()).isEqualTo(2);
        assertThat(parked.versions(ACCOUNT)).containsExactly(4L, 5L);

        assertThat(projector.apply(List.of(v3, v4))).containsExactly(Outcome.APPLIED, Outcome.APPLIED);

        assertThat(accounts.get(ID).version()).isEqualTo(5);
        assertThat(accounts.get(ID).balance()).isZero();
        assertThat(parked.size()).isZero();
    }

    @Test
    void anAccountAndATransferWithTheSameIdDoNotInterfere() {
        EventEnvelope requestedEvent = transfer(ID, 1, requested(ID, "a", "b", 10, "EUR"));
        EventEnvelope completedEvent = transfer(ID, 2, completed(ID));

        List<Outcome> outcomes = projector.apply(List.of(v1, requestedEvent, v2, completedEvent, v4));

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED,
                Outcome.PARKED);
        assertThat(accounts.get(ID).version()).isEqualTo(2);
        assertThat(accounts.get(ID).balance()).isEqualTo(100);
        assertThat(transfers.get(ID).version()).isEqualTo(2);
        assertThat(transfers.get(ID).status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(parked.versions(ACCOUNT)).containsExactly(4L);
        assertThat(parked.versions(new AggregateKey(AggregateType.TRANSFER, ID))).isEmpty();
    }

    @Test
    void aWriteThatLosesItsRaceIsRedoneOnTheOtherWritersDocument() {
        projector.apply(List.of(v1));
        InMemoryDocuments<AccountView> racing = new InMemoryDocuments<>(AccountView::accountId, AccountView::version) {
            private boolean raced;

            @Override
            public java.util.Set<String> writeAll(List<AggregateFold<AccountView>> folds) {
                if (!raced) {
                    raced = true;
                    // another writer applied v2 and v3 between this writer's read and its write
                    put(AccountEvolution.evolve(AccountEvolution.evolve(get(ID), v2), v3));
                }
                return super.writeAll(folds);
            }
        };
        racing.put(accounts.get(ID));
        BatchProjector writer = new BatchProjector(new InMemoryParkedEvents(),
                new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION, racing),
                new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION, transfers));

        List<Outcome> outcomes = writer.apply(List.of(v2, v3, v4));

        assertThat(outcomes).containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.APPLIED);
        assertThat(racing.get(ID).version()).isEqualTo(4);
        assertThat(racing.get(ID).balance()).isEqualTo(75);
        assertThat(racing.writes).isEqualTo(2);
    }
}
