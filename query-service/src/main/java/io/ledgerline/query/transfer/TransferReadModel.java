package io.ledgerline.query.transfer;

import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.ReadModelCollections;
import io.ledgerline.query.projection.StreamProjection;
import io.ledgerline.query.projection.StreamReadModel;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The transfers: a document per transfer, read by id only (no index beyond {@code _id}). */
@Component
class TransferReadModel implements StreamReadModel {

    @Override
    public StreamProjection<?> projection(MongoTemplate mongo, ReadModelCollections collections) {
        return new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION,
                new MongoTransferStore(mongo, collections));
    }

    @Override
    public void ensureIndexes(MongoTemplate mongo, ReadModelCollections collections) {
    }
}
