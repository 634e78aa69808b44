package io.ledgerline.query.support;

import io.ledgerline.query.projection.AggregateFold;
import io.ledgerline.query.projection.DocumentStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The store contract without MongoDB: the same version guard, so the batch logic is tested on its own. */
public class InMemoryDocuments<S> implements DocumentStore<S> {

    private final Map<String, S> documents = new HashMap<>();
    private final Function<S, String> idOf;
    private final ToLongFunction<S> versionOf;
    public int reads;
    public int writes;

    public InMemoryDocuments(Function<S, String> idOf, ToLongFunction<S> versionOf) {
        this.idOf = idOf;
        this.versionOf = versionOf;
    }

    public S get(String id) {
        return documents.get(id);
    }

    /** Another writer's write, as it would land between this store's read and write. */
    public void put(S document) {
        documents.put(idOf.apply(document), document);
    }

    @Override
    public Map<String, S> findAll(Collection<String> ids) {
        reads++;
        Map<String, S> found = new HashMap<>();
        ids.stream().filter(documents::containsKey).forEach(id -> found.put(id, documents.get(id)));
        return found;
    }

    @Override
    public Set<String> writeAll(List<AggregateFold<S>> folds) {
        writes++;
        Set<String> lost = new HashSet<>();
        for (AggregateFold<S> fold : folds) {
            String id = idOf.apply(fold.after());
            S current = documents.get(id);
            long version = current == null ? 0 : versionOf.applyAsLong(current);
            if (version == fold.beforeVersion()) {
                documents.put(id, fold.after());
            } else {
                lost.add(id);
            }
        }
        return lost;
    }
}
