package io.ledgerline.query.transfer;

import static io.ledgerline.query.support.Envelopes.transfer;
import static io.ledgerline.testkit.events.Events.completed;
import static io.ledgerline.testkit.events.Events.failed;
import static io.ledgerline.testkit.events.Events.rejected;
import static io.ledgerline.testkit.events.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.BatchProjector;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.Outcome;
import io.ledgerline.query.projection.StreamProjection;
import io.ledgerline.query.support.InMemoryDocuments;
import io.ledgerline.query.support.InMemoryParkedEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferProjectionTest {

    private static final String ID = "tr-1";

    private final InMemoryDocuments<TransferView> documents =
            new InMemoryDocuments<>(TransferView::transferId, TransferView::version);
    private final InMemoryParkedEvents parked = new InMemoryParkedEvents();
    private final BatchProjector projector = new BatchProjector(parked,
            new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION, documents),
            new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION,
                    new InMemoryDocuments<>(AccountView::accountId, AccountView::version)));
    /** Each event in a batch of its own, as the per-event projection saw them. */
    private final Projection projection = event -> projector.apply(List.of(event)).get(0);

    private interface Projection {
        Outcome handle(EventEnvelope event);
    }

    private final EventEnvelope v1 = transfer(ID, 1, requested(ID, "acc-a", "acc-b", 250, "EUR"));

    private TransferView document() {
        return documents.get(ID);
    }

    @Test
    void aRequestedTransferHasNoCompletionYet() {
        assertThat(projection.handle(v1)).isEqualTo(Outcome.APPLIED);

        assertThat(document()).isEqualTo(new TransferView(ID, "acc-a", "acc-b", 250, "EUR",
                TransferStatus.REQUESTED, null, 1, v1.occurredAt(), null));
    }

    @Test
    void completionSetsStatusVersionAndCompletedAt() {
        projection.handle(v1);
        EventEnvelope v2 = transfer(ID, 2, completed(ID));

        projection.handle(v2);

        assertThat(document().status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(document().version()).isEqualTo(2);
        assertThat(document().completedAt()).isEqualTo(v2.occurredAt());
        assertThat(document().requestedAt()).isEqualTo(v1.occurredAt());
        assertThat(document().reason()).isNull();
    }

    @Test
    void aRejectionKeepsItsCodeAsReason() {
        projection.handle(v1);
        projection.handle(transfer(ID, 2, rejected(ID, "insufficient-funds")));

        assertThat(document().status()).isEqualTo(TransferStatus.REJECTED);
        assertThat(document().reason()).isEqualTo("insufficient-funds");
        assertThat(document().completedAt()).isNotNull();
    }

    @Test
    void aFailureKeepsItsReason() {
        projection.handle(v1);
        projection.handle(transfer(ID, 2, failed(ID, "account-closed")));

        assertThat(document().status()).isEqualTo(TransferStatus.FAILED);
        assertThat(document().reason()).isEqualTo("account-closed");
    }

    @Test
    void redeliveryChangesNothing() {
        projection.handle(v1);
        EventEnvelope v2 = transfer(ID, 2, completed(ID));
        projection.handle(v2);
        TransferView before = document();

        assertThat(projection.handle(v1)).isEqualTo(Outcome.DUPLICATE);
        assertThat(projection.handle(transfer(ID, 2, completed(ID)))).isEqualTo(Outcome.DUPLICATE);

        assertThat(document()).isEqualTo(before);
    }

    @Test
    void theOutcomeBeforeTheRequestIsParkedThenApplied() {
        assertThat(projection.handle(transfer(ID, 2, completed(ID)))).isEqualTo(Outcome.PARKED);
        assertThat(document()).isNull();

        projection.handle(v1);

        assertThat(document().status()).isEqualTo(TransferStatus.COMPLETED);
        assertThat(document().version()).isEqualTo(2);
        assertThat(parked.size()).isZero();
    }
}
