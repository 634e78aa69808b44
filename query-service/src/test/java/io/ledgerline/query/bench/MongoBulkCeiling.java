package io.ledgerline.query.bench;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.ledgerline.testkit.cli.Cli;
import io.ledgerline.testkit.mongo.MongoProcess;
import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.ProcessContext;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import picocli.CommandLine.Option;

/**
 * The MongoDB-wire store's own bulk ceiling: the durable H2 backend in its own process, as the local stack runs it,
 * written with the MongoDB driver's bulk APIs in batches, documents shaped like the read models' (account documents
 * and statement lines). It prints documents/s; it asserts nothing.
 *
 * <ul>
 *   <li>{@code insertMany} of account documents, then of statement lines (one {@code insert} command per batch);</li>
 *   <li>one {@code $in} read of a batch's account documents plus one bulk of version-guarded replacements of them
 *       (one {@code update} command), the projection's own pattern, over the accounts inserted before.</li>
 * </ul>
 *
 * <pre>
 * java -cp &lt;query-service test class path&gt; io.ledgerline.query.bench.MongoBulkCeiling \
 *     --kit-classes infra/test-kit/target/classes [--documents 100000] [--batch 1000] [--rounds 3]
 * </pre>
 */
public final class MongoBulkCeiling {

    private MongoBulkCeiling() {
    }

    /** The command line, in the conventions of {@code infra/}'s tools ({@link Cli}). */
    static final class Options {
        @Option(names = "--kit-classes")
        String kitClasses = "infra/test-kit/target/classes";
        @Option(names = "--documents")
        int documents = 100_000;
        @Option(names = "--batch")
        int batch = 1_000;
        @Option(names = "--rounds")
        int rounds = 3;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options();
        Cli.parseOrExit(options, args,
                "usage: MongoBulkCeiling [--kit-classes <dir>] [--documents n] [--batch n] [--rounds n]");
        String kitClasses = options.kitClasses;
        int documents = options.documents;
        int batch = options.batch;
        int rounds = options.rounds;
        Path dir = Files.createTempDirectory("ledgerline-ceiling");
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("run"));
        ProcessContext context = new ProcessContext(dir.resolve("logs"), dir.resolve("run"),
                kitClasses + File.pathSeparator + System.getProperty("java.class.path"), Duration.ofMinutes(2));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ChildProcess mongo = MongoProcess.process(dir.resolve("mongo/ceiling.mv"), port, "512m", context);
        mongo.start();
        mongo.waitHealthy();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/ceiling")) {
            for (int round = 1; round <= rounds; round++) {
                measure(client, "r" + round, documents, batch);
            }
        } finally {
            mongo.stop();
        }
    }

    private static void measure(MongoClient client, String round, int documents, int batch) {
        MongoCollection<Document> accounts = client.getDatabase("ceiling").getCollection("accounts_" + round);
        MongoCollection<Document> statements = client.getDatabase("ceiling").getCollection("statements_" + round);
        InsertManyOptions unordered = new InsertManyOptions().ordered(false);
        Date now = Date.from(Instant.now());

        long start = System.nanoTime();
        for (int from = 0; from < documents; from += batch) {
            List<Document> page = new ArrayList<>(batch);
            for (int i = from; i < Math.min(documents, from + batch); i++) {
                page.add(account(round, i, 1, now));
            }
            accounts.insertMany(page, unordered);
        }
        report(round, "insertMany account documents", documents, batch, start);

        start = System.nanoTime();
        for (int from = 0; from < documents; from += batch) {
            List<Document> page = new ArrayList<>(batch);
            for (int i = from; i < Math.min(documents, from + batch); i++) {
                page.add(new Document("_id", "acc-" + round + "-" + i + ":2").append("accountId", "acc-" + round + "-" + i)
                        .append("version", 2L).append("transactionId", "tx-" + i).append("type", "DEPOSIT")
                        .append("amount", 500L).append("balanceAfter", 500L).append("occurredAt", now)
                        .append("description", "deposit tx-" + i)
                        .append("_class", "io.ledgerline.query.account.StatementRow"));
            }
            statements.insertMany(page, unordered);
        }
        report(round, "insertMany statement lines", documents, batch, start);

        start = System.nanoTime();
        BulkWriteOptions bulkUnordered = new BulkWriteOptions().ordered(false);
        for (int from = 0; from < documents; from += batch) {
            List<String> ids = new ArrayList<>(batch);
            for (int i = from; i < Math.min(documents, from + batch); i++) {
                ids.add("acc-" + round + "-" + i);
            }
            List<WriteModel<Document>> writes = new ArrayList<>(batch);
            for (Document stored : accounts.find(in("_id", ids))) {
                long version = stored.getLong("version");
                int index = Integer.parseInt(stored.getString("_id").substring(("acc-" + round + "-").length()));
                // the guard as the projection sends it: one flat filter document (Filters.and would send $and)
                writes.add(new ReplaceOneModel<>(
                        new Document("_id", stored.getString("_id")).append("version", version),
                        account(round, index, version + 1, now), new ReplaceOptions().upsert(true)));
            }
            accounts.bulkWrite(writes, bulkUnordered);
        }
        report(round, "$in read + guarded replace bulk of account documents", documents, batch, start);
    }

    private static Document account(String round, int index, long version, Date at) {
        return new Document("_id", "acc-" + round + "-" + index).append("ownerId", "owner-" + (index % 64))
                .append("currency", "EUR").append("balance", 500L * version).append("overdraftLimit", 0L)
                .append("status", "OPEN").append("version", version).append("openedAt", at).append("updatedAt", at)
                .append("_class", "io.ledgerline.query.account.AccountView");
    }

    private static void report(String round, String what, int documents, int batch, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %s: %s, %d documents in batches of %d in %.2f s = %.0f documents/s%n", Instant.now(),
                round, what, documents, batch, seconds, documents / seconds);
    }
}
