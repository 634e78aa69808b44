package io.ledgerline.query.transfer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.query.projection.ReadModelCollections;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** Transfer documents in one generation's collection, written with the same guards as accounts. */
public final class MongoTransferStore implements TransferStore {

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    public MongoTransferStore(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    @Override
    public Optional<TransferView> find(String transferId) {
        return Optional.ofNullable(mongo.findById(transferId, TransferView.class, collections.transfers()));
    }

    @Override
    public boolean insert(TransferView transfer) {
        try {
            mongo.insert(transfer, collections.transfers());
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    @Override
    public boolean replace(TransferView transfer, long expectedVersion) {
        Update update = new Update()
                .set("status", transfer.status())
                .set("version", transfer.version())
                .set("completedAt", transfer.completedAt());
        if (transfer.reason() != null) {
            update.set("reason", transfer.reason());
        }
        return mongo.updateFirst(query(where("_id").is(transfer.transferId()).and("version").is(expectedVersion)),
                update, TransferView.class, collections.transfers()).getMatchedCount() == 1;
    }
}
