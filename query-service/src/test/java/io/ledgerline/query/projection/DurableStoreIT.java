package io.ledgerline.query.projection;

import static io.ledgerline.query.support.Envelopes.account;
import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.account.MongoAccountStore;
import io.ledgerline.query.account.StatementRow;
import io.ledgerline.query.transfer.MongoTransferStore;
import io.ledgerline.query.transfer.TransferEvolution;
import io.ledgerline.testkit.mongo.MongoProcess;
import io.ledgerline.testkit.process.ChildProcess;
import io.ledgerline.testkit.process.ProcessContext;
import io.ledgerline.testkit.process.Signal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The batch projector on the local stack's durable MongoDB-wire store, in its own process as the local stack runs
 * it: what one bulk command acknowledged survives a SIGKILL of the store, and filters on {@code _id} plus other
 * fields (the version guard) answer exactly as without the {@code _id} shortcut the backend takes for them.
 */
class DurableStoreIT {

    @TempDir
    Path dir;

    private ChildProcess store;
    private int port;

    @BeforeEach
    void startStore() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("run"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessContext context = new ProcessContext(dir.resolve("logs"), dir.resolve("run"),
                System.getProperty("java.class.path"), Duration.ofMinutes(2));
        store = MongoProcess.process(dir.resolve("mongo/store.mv"), port, "128m", context);
        store.start();
        store.waitHealthy();
    }

    @AfterEach
    void stopStore() {
        store.stop();
    }

    private static List<EventEnvelope> streams(int accounts) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            String id = "d-" + i;
            events.add(account(id, 1, opened(id, "owner", "EUR", 0)));
            events.add(account(id, 2, deposited(id, "t1", 10, "EUR", 10, null)));
            events.add(account(id, 3, deposited(id, "t2", 5, "EUR", 15, null)));
        }
        return events;
    }

    private static BatchProjector projector(MongoTemplate mongo, ReadModelCollections collections) {
        return new BatchProjector(
                new MongoParkedEvents(mongo, collections.parkedEvents(), LedgerCodec.contracts(), Clock.systemUTC()),
                new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION,
                        new MongoAccountStore(mongo, collections)),
                new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION,
                        new MongoTransferStore(mongo, collections)));
    }

    @Test
    void whatABulkWriteAcknowledgedSurvivesASigkillOfTheStore() {
        ReadModelCollections collections = new ReadModelCollections(1);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/durable")) {
            List<Outcome> outcomes = projector(new MongoTemplate(client, "durable"), collections).apply(streams(300));
            assertThat(outcomes).containsOnly(Outcome.APPLIED);
        }

        store.kill(Signal.KILL);
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.isAlive());
        store.start();
        store.waitHealthy();

        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/durable")) {
            MongoTemplate mongo = new MongoTemplate(client, "durable");
            List<AccountView> accounts = mongo.findAll(AccountView.class, collections.accounts());
            assertThat(accounts).hasSize(300).allSatisfy(view -> {
                assertThat(view.version()).isEqualTo(3);
                assertThat(view.balance()).isEqualTo(15);
            });
            assertThat(mongo.count(new Query(), StatementRow.class, collections.statements())).isEqualTo(600);
        }
    }

    @Test
    void filtersOnTheIdAndOtherFieldsMatchTheWholeFilter() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/filters")) {
            MongoTemplate mongo = new MongoTemplate(client, "filters");
            ReadModelCollections collections = new ReadModelCollections(1);
            projector(mongo, collections).apply(streams(20));
            List<String> ids = IntStream.range(0, 25).mapToObj(i -> "d-" + i).toList();

            assertThat(mongo.find(query(where("_id").is("d-3").and("version").is(3)), AccountView.class,
                    collections.accounts())).hasSize(1);
            assertThat(mongo.find(query(where("_id").is("d-3").and("version").is(2)), AccountView.class,
                    collections.accounts())).isEmpty();
            assertThat(mongo.find(query(where("_id").in(ids).and("balance").is(15)), AccountView.class,
                    collections.accounts())).hasSize(20);
            assertThat(mongo.find(query(where("_id").in(ids).and("balance").is(10)), AccountView.class,
                    collections.accounts())).isEmpty();
            assertThat(mongo.find(query(where("_id").gt("d-5").and("version").is(3)), AccountView.class,
                    collections.accounts())).extracting(AccountView::accountId)
                    .containsExactlyInAnyOrder("d-6", "d-7", "d-8", "d-9");
        }
    }
}
