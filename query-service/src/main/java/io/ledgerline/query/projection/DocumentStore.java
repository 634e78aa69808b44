package io.ledgerline.query.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one stream's documents live, read and written a batch at a time. Writes work without transactions: each
 * document is written only if it is still at the version it was read at.
 *
 * @param <S> the read-model document of one aggregate
 */
public interface DocumentStore<S> {

    /** The stored documents among {@code ids}, by id (one read). */
    Map<String, S> findAll(Collection<String> ids);

    /**
     * Writes the document of every fold that {@link AggregateFold#advances() advances}, each only if it is still at
     * {@link AggregateFold#beforeVersion()}, together with whatever else the applied events add (written first, and
     * idempotent).
     *
     * @return the ids whose guard failed: another writer changed the document since it was read
     */
    Set<String> writeAll(List<AggregateFold<S>> folds);
}
