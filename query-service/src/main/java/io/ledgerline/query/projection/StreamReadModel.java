package io.ledgerline.query.projection;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One stream's read model, declared as a bean by the feature that owns it ({@code account}, {@code transfer}): how
 * a generation stores the stream's events and the indexes the feature's queries need. {@link ReadModels} builds a
 * generation from all of them, so the projection machinery knows no feature.
 */
public interface StreamReadModel {

    /** The projection of the stream into the collections of {@code collections}' generation. */
    StreamProjection<?> projection(MongoTemplate mongo, ReadModelCollections collections);

    /** Creates the indexes the feature's queries need in {@code collections}' generation; idempotent. */
    void ensureIndexes(MongoTemplate mongo, ReadModelCollections collections);
}
