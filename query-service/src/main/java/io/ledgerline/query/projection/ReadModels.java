package io.ledgerline.query.projection;

import io.ledgerline.contracts.codec.LedgerCodec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Builds (once per generation) the projections and indexes of a read-model generation from the features'
 * {@link StreamReadModel}s, one per aggregate type.
 */
@Component
public class ReadModels {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final List<StreamReadModel> streams;
    private final Map<Long, ReadModel> byGeneration = new ConcurrentHashMap<>();

    public ReadModels(MongoTemplate mongo, Clock clock, List<StreamReadModel> streams) {
        this.mongo = mongo;
        this.clock = clock;
        this.streams = List.copyOf(streams);
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
        StreamProjection<?>[] projections = streams.stream()
                .map(stream -> stream.projection(mongo, collections)).toArray(StreamProjection<?>[]::new);
        return new ReadModel(collections, new BatchProjector(parked, projections), parked);
    }

    private void ensureIndexes(ReadModelCollections collections) {
        streams.forEach(stream -> stream.ensureIndexes(mongo, collections));
        mongo.indexOps(collections.parkedEvents()).createIndex(new Index()
                .on("parkedAt", Sort.Direction.ASC).named("parked_at"));
        mongo.indexOps(collections.parkedEvents()).createIndex(new Index()
                .on("aggregateId", Sort.Direction.ASC).named("parked_aggregate"));
    }
}
