package io.ledgerline.testkit.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable backend's indexes, held in memory and rebuilt from the stored documents when a collection is opened
 * (an index holds nothing the documents do not). mongo-java-server's H2 indexes are MVMaps whose keys it cannot
 * compare without Java-serialising both sides, which was most of the store's CPU per write; and it ignores every
 * non-unique index, so a statement read scanned every statement line. Hash maps fix both.
 */
final class MemoryIndexes {

    private MemoryIndexes() {
    }

    /** A unique index (the {@code _id} index among them) in a hash map: key values to the document's position. */
    static final class HashUniqueIndex extends AbstractUniqueIndex<Object> {

        private final Map<KeyValue, Object> positions = new ConcurrentHashMap<>();

        HashUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return positions.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return positions.putIfAbsent(keyValue, position) == null;
        }

        @Override
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return positions.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return positions.get(keyValue);
        }

        @Override
        public long getCount() {
            return positions.size();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }

        @Override
        public void drop() {
            positions.clear();
        }
    }

    /**
     * A non-unique index used the way MongoDB's planner uses an index prefix: a query with an equality (or
     * {@code $in}) on the index's first key gets the positions of the documents with that value as candidates,
     * and the query matcher then applies the whole filter (and the sort) to them. So the answer is exactly that
     * of a scan; only the work differs. It reports itself sparse, as mongo-java-server's placeholder for such
     * indexes does, so a document's position comes from its unique {@code _id} index.
     */
    static final class FirstKeyIndex extends Index<Object> {

        private final String firstKey;
        private final String idField;
        private final Map<KeyValue, Set<Object>> positions = new ConcurrentHashMap<>();

        FirstKeyIndex(String name, List<IndexKey> keys, String idField) {
            super(name, keys, true);
            this.firstKey = keys.get(0).getKey();
            this.idField = idField;
        }

        String firstKey() {
            return firstKey;
        }

        /** The candidates for a query value of the first key; null when this index cannot narrow it down. */
        List<Object> candidates(Object queryValue) {
            if (queryValue instanceof Document operators) {
                if (operators.size() != 1 || !(operators.get("$in") instanceof Collection<?> values)) {
                    return null;
                }
                Set<Object> union = new LinkedHashSet<>();
                for (Object value : values) {
                    if (value instanceof Document || BsonRegularExpression.isRegularExpression(value)) {
                        return null;
                    }
                    union.addAll(positions.getOrDefault(key(value), Set.of()));
                }
                return new ArrayList<>(union);
            }
            if (queryValue instanceof Collection<?> || BsonRegularExpression.isRegularExpression(queryValue)) {
                return null; // array equality and regular expressions keep MongoDB's own semantics: scan
            }
            return new ArrayList<>(positions.getOrDefault(key(queryValue), Set.of()));
        }

        /** A value as the index files it: normalized as mongo-java-server compares keys (1 and 1.0 alike). */
        private static KeyValue key(Object value) {
            return new KeyValue(Collections.singletonList(value)).normalized();
        }

        /** The keys a document is filed under: its first-key value, or each element of an array value. */
        private Set<KeyValue> keysOf(Document document) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, firstKey);
            if (value instanceof Collection<?> elements && !elements.isEmpty()) {
                Set<KeyValue> keys = new LinkedHashSet<>();
                elements.forEach(element -> keys.add(key(element)));
                return keys;
            }
            return Set.of(key(value instanceof Collection<?> ? null : value));
        }

        private Object positionOf(Document document) {
            return Utils.getSubdocumentValue(document, idField);
        }

        @Override
        public Object getPosition(Document document) {
            return null;
        }

        @Override
        public void checkAdd(Document document, MongoCollection<Object> collection) {
            // not unique: nothing to refuse
        }

        @Override
        public void add(Document document, Object position, MongoCollection<Object> collection) {
            for (KeyValue key : keysOf(document)) {
                positions.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(position);
            }
        }

        @Override
        public Object remove(Document document) {
            Object position = positionOf(document);
            for (KeyValue key : keysOf(document)) {
                positions.computeIfPresent(key, (k, filed) -> {
                    filed.remove(position);
                    return filed.isEmpty() ? null : filed;
                });
            }
            return null;
        }

        @Override
        public boolean canHandle(Document query) {
            return false; // used for candidates only (see DurableH2Backend), never as an exact answer
        }

        @Override
        public Iterable<Object> getPositions(Document query) {
            throw new UnsupportedOperationException("a candidate index gives candidates, not exact positions");
        }

        @Override
        public long getCount() {
            return positions.values().stream().mapToLong(Set::size).sum();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }

        @Override
        public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
            // not unique: nothing to refuse
        }

        @Override
        public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                  MongoCollection<Object> collection) {
            if (!keysOf(oldDocument).equals(keysOf(newDocument))) {
                remove(oldDocument);
                add(newDocument, position, collection);
            }
        }

        @Override
        public boolean isEmpty() {
            return positions.isEmpty();
        }

        @Override
        public void drop() {
            positions.clear();
        }
    }
}
