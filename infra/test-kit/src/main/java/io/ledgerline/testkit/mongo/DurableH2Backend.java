package io.ledgerline.testkit.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The on-disk MongoDB-wire backend of the local stack.
 *
 * <ul>
 *   <li><b>Durable acknowledgements.</b> H2's MVStore otherwise commits in the background (about every second),
 *       so a write it acknowledged could be lost to a SIGKILL while the query-service has already committed its
 *       Kafka offset past it. Committing the store before answering a write command makes an acknowledged write
 *       survive the process, as a journaled MongoDB write would. One command is one commit, however many
 *       documents it carries: a bulk insert or a bulk of guarded updates costs one commit, not one per document.</li>
 *   <li><b>Indexes in memory</b> ({@link MemoryIndexes}), rebuilt from the documents when the store opens: the H2
 *       backend's own index maps compared their keys by Java-serialising them, and non-unique indexes did not
 *       exist at all (every statement read scanned every statement line).</li>
 *   <li><b>Lookups stay lookups.</b> mongo-java-server uses an index only when a filter names exactly the index's
 *       fields, so {@code {_id: x, version: 3}} (the read models' version guard) scanned the whole collection.
 *       Here a filter with an equality or {@code $in} on an index's first field takes its candidates from that
 *       index (the {@code _id} index first) and then matches the whole filter on them, as MongoDB's planner does;
 *       results are the same, only the work differs.</li>
 * </ul>
 */
public class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "renamecollection", "create");
    private static final String ID = "_id";

    public DurableH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName)
                // pages stay deserialised in memory: H2's 16 MB default made the store re-read (Java-deserialise)
                // read-model pages on every batch of a busy projection
                .cacheSize(64)
                // H2 rewrites a chunk once it is less than 90 % live by default; with a commit per write command
                // that background rewrite (deserialise + serialise every live page) was a fifth of the store's CPU
                .autoCompactFillRate(40)
                .open());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (HelloCommand.isHello(command)) {
            return HelloCommand.answer(this, channel, database, query);
        }
        Document response = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return response;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdAwareDatabase(databaseName);
    }

    /** Inner, not static: H2Database opens existing collections in its constructor, before fields of a subclass. */
    private final class IdAwareDatabase extends H2Database {

        IdAwareDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // an index map written by an earlier version of this backend: superseded, its content is rebuilt
            String storedIndex = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            if (getMvStore().hasMap(storedIndex)) {
                getMvStore().removeMap(storedIndex);
            }
            return new MemoryIndexes.HashUniqueIndex(indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new MemoryIndexes.FirstKeyIndex(indexName, keys, ID);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            return new IdAwareCollection(this, collectionName, options,
                    getMvStore().openMap("databases." + fullName), getMvStore().openMap("meta." + fullName));
        }
    }

    private final class IdAwareCollection extends H2Collection {

        IdAwareCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                org.h2.mvstore.MVMap<Object, Document> dataMap, org.h2.mvstore.MVMap<String, Object> metaMap) {
            super(database, collectionName, options, dataMap, metaMap, getCursorRegistry());
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            List<Index<Object>> indexes = getIndexes();
            if (indexes.stream().noneMatch(index -> index.canHandle(query))) {
                for (Index<Object> index : indexes) {
                    Iterable<Object> candidates = candidates(index, query);
                    if (candidates != null) {
                        return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize,
                                fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** Positions that include every match of {@code query}, from an index on one of its fields; or null. */
        private static Iterable<Object> candidates(Index<Object> index, Document query) {
            if (index instanceof MemoryIndexes.FirstKeyIndex secondary) {
                return query.containsKey(secondary.firstKey()) ? secondary.candidates(query.get(secondary.firstKey()))
                        : null;
            }
            if (isIdIndex(index) && query.containsKey(ID)) {
                Document byId = new Document(ID, query.get(ID));
                return index.canHandle(byId) ? index.getPositions(byId) : null;
            }
            return null;
        }

        private static boolean isIdIndex(Index<Object> index) {
            List<IndexKey> keys = index.getKeys();
            return keys.size() == 1 && keys.get(0).getKey().equals(ID);
        }
    }
}
