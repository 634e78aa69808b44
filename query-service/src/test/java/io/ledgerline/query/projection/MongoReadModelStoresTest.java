package io.ledgerline.query.projection;

import static io.ledgerline.query.support.Envelopes.account;
import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.opened;
import static io.ledgerline.testkit.events.Events.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.account.MongoAccountStore;
import io.ledgerline.query.account.StatementRow;
import io.ledgerline.query.support.Envelopes;
import io.ledgerline.query.transfer.MongoTransferStore;
import io.ledgerline.query.transfer.TransferEvolution;
import io.ledgerline.query.transfer.TransferView;
import io.ledgerline.testkit.events.Events;
import io.ledgerline.testkit.mongo.MongoWireServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The guarded bulk writes on the MongoDB-wire stand-in, without Spring: what the batch projector relies on (a
 * guarded upsert that hits the unique {@code _id} when another writer moved the document, reported per statement)
 * must hold there, not only in the fakes.
 */
class MongoReadModelStoresTest {

    private static MongoWireServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;
    private static int generation = 100;

    private final ReadModelCollections collections = new ReadModelCollections(++generation);
    private final MongoAccountStore accounts = new MongoAccountStore(mongo, collections);
    private final MongoParkedEvents parked = new MongoParkedEvents(mongo, collections.parkedEvents(),
            LedgerCodec.contracts(), Clock.systemUTC());

    @BeforeAll
    static void startServer() {
        server = MongoWireServer.inMemory();
        client = MongoClients.create(server.connectionString("stores"));
        mongo = new MongoTemplate(client, "stores");
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    /** A fold that moves a document from {@code beforeVersion} to {@code after} by {@code applied}. */
    private static <S> AggregateFold<S> fold(AggregateKey key, long beforeVersion, S after,
            EventEnvelope... applied) {
        return new AggregateFold<>(key, null, beforeVersion, after, List.of(applied), List.of(), List.of(),
                List.of());
    }

    private static AggregateKey accountKey(String id) {
        return new AggregateKey(AggregateType.ACCOUNT, id);
    }

    private AccountView find(String accountId) {
        return accounts.findAll(List.of(accountId)).get(accountId);
    }

    @Test
    void insertingAnExistingAccountIsRefusedWithoutChangingIt() {
        EventEnvelope opening = account("a-1", 1, opened("a-1", "o-1", "EUR", 0));
        AccountView first = AccountEvolution.opened(opening);
        AccountView other = AccountEvolution.opened(account("a-1", 1, opened("a-1", "o-2", "USD", 5)));

        assertThat(accounts.writeAll(List.of(fold(accountKey("a-1"), 0, first, opening)))).isEmpty();
        assertThat(accounts.writeAll(List.of(fold(accountKey("a-1"), 0, other, opening)))).containsExactly("a-1");

        assertThat(find("a-1")).isEqualTo(first);
    }

    @Test
    void aReplaceOnlyLandsOnTheExpectedVersion() {
        EventEnvelope opening = account("a-2", 1, opened("a-2", "o-1", "EUR", 0));
        AccountView opened = AccountEvolution.opened(opening);
        accounts.writeAll(List.of(fold(accountKey("a-2"), 0, opened, opening)));
        EventEnvelope e2 = account("a-2", 2, deposited("a-2", "t", 5, "EUR", 5, null));
        EventEnvelope e3 = account("a-2", 3, withdrawn("a-2", "u", 2, "EUR", 3));
        AccountView v2 = AccountEvolution.evolve(opened, e2);
        AccountView v3 = AccountEvolution.evolve(v2, e3);

        assertThat(accounts.writeAll(List.of(fold(accountKey("a-2"), 2, v3, e3)))).containsExactly("a-2");
        assertThat(accounts.writeAll(List.of(fold(accountKey("a-2"), 1, v2, e2)))).isEmpty();
        assertThat(accounts.writeAll(List.of(fold(accountKey("a-2"), 1, v2, e2)))).containsExactly("a-2");

        assertThat(find("a-2")).isEqualTo(v2);
    }

    @Test
    void oneCommandWritesManyAccountsAndReportsOnlyTheLostOnes() {
        EventEnvelope openB = account("a-7", 1, opened("a-7", "o-1", "EUR", 0));
        accounts.writeAll(List.of(fold(accountKey("a-7"), 0, AccountEvolution.opened(openB), openB)));
        EventEnvelope openA = account("a-6", 1, opened("a-6", "o-1", "EUR", 0));
        EventEnvelope openC = account("a-8", 1, opened("a-8", "o-1", "EUR", 0));

        assertThat(accounts.writeAll(List.of(
                fold(accountKey("a-6"), 0, AccountEvolution.opened(openA), openA),
                fold(accountKey("a-7"), 0, AccountEvolution.opened(openB), openB),
                fold(accountKey("a-8"), 0, AccountEvolution.opened(openC), openC)))).containsExactly("a-7");

        assertThat(accounts.findAll(List.of("a-6", "a-7", "a-8", "nobody"))).containsOnlyKeys("a-6", "a-7", "a-8");
    }

    @Test
    void writingTheSameStatementLineTwiceKeepsOne() {
        EventEnvelope deposit = account("a-3", 2, deposited("a-3", "t", 5, "EUR", 5, "x"));
        StatementRow line = AccountEvolution.statementRow(deposit).orElseThrow();
        AccountView opened = AccountEvolution.opened(account("a-3", 1, opened("a-3", "o-1", "EUR", 0)));
        AccountView after = AccountEvolution.evolve(opened, deposit);

        accounts.writeAll(List.of(fold(accountKey("a-3"), 1, after, deposit)));
        accounts.writeAll(List.of(fold(accountKey("a-3"), 1, after, deposit)));

        assertThat(mongo.find(new Query(), StatementRow.class, collections.statements())).containsExactly(line);
    }

    @Test
    void aParkedEventComesBackAsItWasParked() {
        EventEnvelope event = account("a-4", 3, withdrawn("a-4", "u", 2, "EUR", 3));

        parked.parkAll(List.of(event));
        parked.parkAll(List.of(event));

        assertThat(parked.count()).isEqualTo(1);
        EventEnvelope back = parked.findAll(List.of(accountKey("a-4"))).get(0);
        assertThat(back.event()).isEqualTo(event.event());
        assertThat(back.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(back.eventId()).isEqualTo(event.eventId());
        assertThat(back.version()).isEqualTo(3);
        assertThat(parked.findAll(List.of(new AggregateKey(AggregateType.TRANSFER, "a-4")))).isEmpty();

        parked.removeAll(List.of(event));
        assertThat(parked.count()).isZero();
    }

    @Test
    void theBatchProjectorParksAndDrainsOnMongo() {
        BatchProjector projector = new BatchProjector(parked,
                new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION, accounts),
                new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION,
                        new MongoTransferStore(mongo, collections)));
        List<EventEnvelope> events = List.of(
                account("a-5", 1, opened("a-5", "o-1", "EUR", 0)),
                account("a-5", 2, deposited("a-5", "t1", 10, "EUR", 10, null)),
                account("a-5", 3, deposited("a-5", "t2", 20, "EUR", 30, null)),
                account("a-5", 4, withdrawn("a-5", "t3", 5, "EUR", 25)));

        assertThat(projector.apply(List.of(events.get(0)))).containsExactly(Outcome.APPLIED);
        assertThat(projector.apply(List.of(events.get(3)))).containsExactly(Outcome.PARKED);
        assertThat(projector.apply(List.of(events.get(2)))).containsExactly(Outcome.PARKED);
        assertThat(find("a-5").version()).isEqualTo(1);
        assertThat(projector.apply(List.of(events.get(1)))).containsExactly(Outcome.APPLIED);

        AccountView account = find("a-5");
        assertThat(account.version()).isEqualTo(4);
        assertThat(account.balance()).isEqualTo(25);
        assertThat(parked.count()).isZero();
        assertThat(mongo.count(new Query(), collections.statements())).isEqualTo(3);
    }

    @Test
    void transferWritesAreGuardedTheSameWay() {
        MongoTransferStore transfers = new MongoTransferStore(mongo, collections);
        AggregateKey key = new AggregateKey(AggregateType.TRANSFER, "t-1");
        EventEnvelope request = Envelopes.transfer("t-1", 1, Events.requested("t-1", "a", "b", 5, "EUR"));
        EventEnvelope rejection = Envelopes.transfer("t-1", 2, Events.rejected("t-1", "insufficient-funds"));
        TransferView requested = TransferEvolution.requested(request);
        TransferView rejected = TransferEvolution.evolve(requested, rejection);

        assertThat(transfers.writeAll(List.of(fold(key, 0, requested, request)))).isEmpty();
        assertThat(transfers.writeAll(List.of(fold(key, 0, requested, request)))).containsExactly("t-1");
        assertThat(transfers.writeAll(List.of(fold(key, 2, rejected, rejection)))).containsExactly("t-1");
        assertThat(transfers.writeAll(List.of(fold(key, 1, rejected, rejection)))).isEmpty();

        assertThat(transfers.findAll(List.of("t-1")).get("t-1")).isEqualTo(rejected);
    }
}
