package io.ledgerline.query.projection;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.ledgerline.testkit.mongo.MongoWireServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's durable store answers every query exactly as mongo-java-server's in-memory backend does, now
 * that its indexes live in memory and a query takes candidates from an index on one of its fields; and the indexes
 * are rebuilt when the store is opened again.
 */
class DurableBackendIndexTest {

    @TempDir
    Path dir;

    @Test
    void answersLikeTheReferenceBackendThroughInsertsUpdatesAndDeletes() throws Exception {
        Random random = new Random(7);
        try (MongoWireServer durable = MongoWireServer.onDisk(dir.resolve("store.mv"), "127.0.0.1", 0);
             MongoWireServer reference = MongoWireServer.inMemory();
             MongoClient durableClient = MongoClients.create(durable.connectionString("t"));
             MongoClient referenceClient = MongoClients.create(reference.connectionString("t"))) {
            MongoCollection<Document> a = statements(durableClient);
            MongoCollection<Document> b = statements(referenceClient);
            for (int i = 0; i < 600; i++) {
                Document line = new Document("_id", "line-" + i).append("accountId", "acc-" + random.nextInt(20))
                        .append("version", (long) random.nextInt(50)).append("tags", List.of("t" + random.nextInt(3)));
                a.insertOne(line);
                b.insertOne(new Document(line));
                if (i % 7 == 0) {
                    Bson move = eq("_id", "line-" + random.nextInt(i + 1));
                    Bson to = Updates.set("accountId", "acc-" + random.nextInt(20));
                    a.updateOne(move, to);
                    b.updateOne(move, to);
                }
                if (i % 11 == 0) {
                    Bson gone = eq("_id", "line-" + random.nextInt(i + 1));
                    a.deleteOne(gone);
                    b.deleteOne(gone);
                }
            }
            for (Bson query : queries()) {
                assertThat(find(a, query)).as(query.toString()).isEqualTo(find(b, query));
            }
        }
    }

    @Test
    void rebuildsItsIndexesWhenOpenedAgain() throws Exception {
        Path file = dir.resolve("reopened.mv");
        try (MongoWireServer store = MongoWireServer.onDisk(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString("t"))) {
            MongoCollection<Document> lines = statements(client);
            for (int i = 0; i < 50; i++) {
                lines.insertOne(new Document("_id", "line-" + i).append("accountId", "acc-" + i % 5)
                        .append("version", (long) i));
            }
        }
        try (MongoWireServer store = MongoWireServer.onDisk(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(store.connectionString("t"))) {
            MongoCollection<Document> lines = client.getDatabase("t").getCollection("statements");
            assertThat(find(lines, eq("accountId", "acc-3"))).hasSize(10);
            assertThat(lines.find(eq("_id", "line-7")).first()).isNotNull();
            assertThatThrownBy(() -> lines.insertOne(new Document("_id", "line-7").append("accountId", "x")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            lines.insertOne(new Document("_id", "line-50").append("accountId", "acc-3").append("version", 50L));
            assertThat(find(lines, eq("accountId", "acc-3"))).hasSize(11);
        }
    }

    private static MongoCollection<Document> statements(MongoClient client) {
        MongoCollection<Document> lines = client.getDatabase("t").getCollection("statements");
        lines.createIndex(Indexes.compoundIndex(Indexes.ascending("accountId"), Indexes.descending("version")),
                new IndexOptions().name("account_version"));
        lines.createIndex(Indexes.ascending("tags"), new IndexOptions().name("tags"));
        return lines;
    }

    private static List<Bson> queries() {
        List<Bson> queries = new ArrayList<>();
        for (int account = 0; account < 22; account++) {
            queries.add(eq("accountId", "acc-" + account));
            queries.add(new Document("accountId", "acc-" + account).append("version", new Document("$lt", 25L)));
        }
        queries.add(in("accountId", "acc-1", "acc-2", "acc-404"));
        queries.add(eq("tags", "t1"));
        queries.add(eq("tags", List.of("t2")));
        queries.add(new Document("_id", "line-3").append("accountId", "acc-0"));
        queries.add(in("_id", "line-1", "line-2", "line-599"));
        queries.add(eq("version", 3L));
        return queries;
    }

    private static List<Document> find(MongoCollection<Document> lines, Bson query) {
        return lines.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
