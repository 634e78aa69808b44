package io.ledgerline.query.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The two bulk writes the read models are made of, each one unordered command (the driver sends all inserts of
 * a bulk as one {@code insert} command, all replacements as one {@code update} command), working without
 * transactions on MongoDB and on the stand-in alike.
 */
public final class BulkWrites {

    private static final int DUPLICATE_KEY = 11000;

    private BulkWrites() {
    }

    /** Inserts the documents; one whose {@code _id} exists already is left as it is (idempotent rows). */
    public static void insertAll(MongoTemplate mongo, Class<?> type, String collection, List<?> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection).insert(documents).execute();
        } catch (BulkOperationException e) {
            if (!e.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /**
     * Replaces each fold's document only where it is still at the fold's {@code beforeVersion}: the filter is
     * {@code {_id, version: before}} with upsert, so a first document is inserted, and a document another writer
     * moved on (or created) makes the upsert hit the unique {@code _id}: that statement fails with a duplicate key
     * and its id is returned, while the other statements of the command still apply.
     *
     * @return the ids whose guard failed
     */
    public static <S> Set<String> replaceGuarded(MongoTemplate mongo, Class<S> type, String collection,
            List<AggregateFold<S>> folds, Function<S, String> idOf) {
        if (folds.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection);
        for (AggregateFold<S> fold : folds) {
            bulk.replaceOne(query(where("_id").is(idOf.apply(fold.after())).and("version").is(fold.beforeVersion())),
                    fold.after(), FindAndReplaceOptions.options().upsert());
        }
        BulkWriteResult result;
        Set<String> lost = new HashSet<>();
        try {
            result = bulk.execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                lost.add(idOf.apply(folds.get(error.getIndex()).after()));
            }
            result = e.getResult();
        }
        // every statement either landed (matched or inserted) or lost its race; anything else is not understood
        int landed = result.getMatchedCount() + result.getUpserts().size();
        if (landed + lost.size() != folds.size()) {
            throw new IllegalStateException(collection + ": " + folds.size() + " guarded writes, " + landed
                    + " landed and " + lost.size() + " lost their race");
        }
        return lost;
    }
}
