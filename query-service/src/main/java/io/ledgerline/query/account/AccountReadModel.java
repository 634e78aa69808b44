package io.ledgerline.query.account;

import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.ReadModelCollections;
import io.ledgerline.query.projection.StreamProjection;
import io.ledgerline.query.projection.StreamReadModel;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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
        mongo.indexOps(collections.accounts()).createIndex(new Index()
                .on("ownerId", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("owner_account"));
        mongo.indexOps(collections.statements()).createIndex(new Index()
                .on("accountId", Sort.Direction.ASC).on("version", Sort.Direction.DESC).named("account_version"));
        mongo.indexOps(collections.statements()).createIndex(new Index()
                .on("accountId", Sort.Direction.ASC).on("occurredAt", Sort.Direction.ASC).named("account_time"));
    }
}
