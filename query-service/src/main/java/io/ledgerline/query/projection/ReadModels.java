package io.ledgerline.query.projection;

import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.MongoAccountStore;
import io.ledgerline.query.transfer.MongoTransferStore;
import io.ledgerline.query.transfer.TransferEvolution;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Builds (once per generation) the projections and indexes of a read-model generation. */
@Component
public class ReadModels {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<Long, ReadModel> byGeneration = new ConcurrentHashMap<>();

    public ReadModels(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public ReadModel of(ReadModelCollections collections) {
        return byGeneration.computeIfAbsent(collections.generation(), generation -> create(collections));
    }

    /** Drops a generation's collections, e.g. a half-built one before a rebuild starts over. */
    public void drop(ReadModelCollections collections) {
        for (String name : new String[] {collections.accounts(), collections.statements(), collections.transfers(),
                collections.parkedEvents()}) {
            if (mongo.collectionExists(name)) {
                mongo.dropCollection(name);
            }
        }
        ensureIndexes(collections);
    }

    private ReadModel create(ReadModelCollections collections) {
        ensureIndexes(collections);
        MongoParkedEvents parked = new MongoParkedEvents(mongo, collections.parkedEvents(), LedgerCodec.contracts(),
                clock);
        return new ReadModel(collections, new BatchProjector(parked,
                new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION,
                        new MongoAccountStore(mongo, collections)),
                new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION,
                        new MongoTransferStore(mongo, collections))),
                parked);
    }

    private void ensureIndexes(ReadModelCollections collections) {
        mongo.indexOps(collections.accounts()).createIndex(new Index()
                .on("ownerId", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("owner_account"));
        mongo.indexOps(collections.statements()).createIndex(new Index()
                .on("accountId", Sort.Direction.ASC).on("version", Sort.Direction.DESC).named("account_version"));
        mongo.indexOps(collections.statements()).createIndex(new Index()
                .on("accountId", Sort.Direction.ASC).on("occurredAt", Sort.Direction.ASC).named("account_time"));
        mongo.indexOps(collections.parkedEvents()).createIndex(new Index()
                .on("parkedAt", Sort.Direction.ASC).named("parked_at"));
        mongo.indexOps(collections.parkedEvents()).createIndex(new Index()
                .on("aggregateId", Sort.Direction.ASC).named("parked_aggregate"));
    }
}
