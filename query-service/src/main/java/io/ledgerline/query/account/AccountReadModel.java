package io.ledgerline.query.account;

import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.ReadModelCollections;
import io.ledgerline.query.projection.StreamProjection;
import io.ledgerline.query.projection.StreamReadModel;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The accounts and their statement lines: a document per account, a line per balance change. */
@Component
class AccountReadModel implements StreamReadModel {

    @Override
    public StreamProjection<?> projection(MongoTemplate mongo, ReadModelCollections collections) {
        return new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION,
                new MongoAccountStore(mongo, collections));
    }

    @Override
    public void ensureIndexes(MongoTemplate mongo, ReadModelCollections collections) {
        new MongoAccountStore(mongo, collections).ensureIndexes();
    }
}
