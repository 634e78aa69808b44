package io.ledgerline.query.transfer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.query.projection.AggregateFold;
import io.ledgerline.query.projection.BulkWrites;
import io.ledgerline.query.projection.DocumentStore;
import io.ledgerline.query.projection.ReadModelCollections;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Transfer documents in one generation's collection: written a batch at a time with the same guard as accounts,
 * read by id only (no index beyond {@code _id}).
 */
public final class MongoTransferStore implements DocumentStore<TransferView> {

    private static final String ID = "_id";

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    public MongoTransferStore(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    @Override
    public Map<String, TransferView> findAll(Collection<String> transferIds) {
        return mongo.find(query(where(ID).in(transferIds)), TransferView.class, collections.transfers()).stream()
                .collect(Collectors.toMap(TransferView::transferId, Function.identity()));
    }

    @Override
    public Set<String> writeAll(List<AggregateFold<TransferView>> folds) {
        return BulkWrites.replaceGuarded(mongo, TransferView.class, collections.transfers(), folds,
                TransferView::transferId);
    }

    Optional<TransferView> find(String transferId) {
        return Optional.ofNullable(mongo.findById(transferId, TransferView.class, collections.transfers()));
    }
}
