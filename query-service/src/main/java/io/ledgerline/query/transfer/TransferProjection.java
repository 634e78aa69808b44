package io.ledgerline.query.transfer;

import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.GapAwareProjection;
import io.ledgerline.query.projection.ParkedEvents;
import java.util.Optional;

/** Projects the transfer stream into one document per transfer. */
public final class TransferProjection extends GapAwareProjection<TransferView> {

    private final TransferStore store;

    public TransferProjection(TransferStore store, ParkedEvents parked) {
        super(AggregateType.TRANSFER, parked);
        this.store = store;
    }

    @Override
    protected Optional<TransferView> load(String transferId) {
        return store.find(transferId);
    }

    @Override
    protected long versionOf(TransferView transfer) {
        return transfer.version();
    }

    @Override
    protected boolean applyNext(Optional<TransferView> current, EventEnvelope event) {
        if (current.isEmpty()) {
            return store.insert(TransferEvolution.requested(event));
        }
        return store.replace(TransferEvolution.evolve(current.get(), event), current.get().version());
    }
}
