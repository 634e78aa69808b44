package io.ledgerline.query.projection;

import static io.ledgerline.query.support.Envelopes.account;
import static io.ledgerline.query.support.Events.deposited;
import static io.ledgerline.query.support.Events.opened;
import static io.ledgerline.query.support.Events.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.local.mongo.MongoWireServer;
import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.AccountProjection;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.account.MongoAccountStore;
import io.ledgerline.query.account.StatementRow;
import io.ledgerline.query.transfer.MongoTransferStore;
import io.ledgerline.query.transfer.TransferEvolution;
import io.ledgerline.query.transfer.TransferView;
import io.ledgerline.query.support.Envelopes;
import io.ledgerline.query.support.Events;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The guarded writes on the MongoDB-wire stand-in, without Spring: what the projections rely on (duplicate
 * {@code _id} on insert, {@code {_id, version}} matching on replace) must hold there, not only in the fakes.
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

    @Test
    void insertingAnExistingAccountIsRefusedWithoutChangingIt() {
        AccountView first = AccountEvolution.opened(account("a-1", 1, opened("a-1", "o-1", "EUR", 0)));
        AccountView other = AccountEvolution.opened(account("a-1", 1, opened("a-1", "o-2", "USD", 5)));

        assertThat(accounts.insert(first)).isTrue();
        assertThat(accounts.insert(other)).isFalse();

        assertThat(accounts.find("a-1")).contains(first);
    }

    @Test
    void aReplaceOnlyLandsOnTheExpectedVersion() {
        AccountView opened = AccountEvolution.opened(account("a-2", 1, opened("a-2", "o-1", "EUR", 0)));
        accounts.insert(opened);
        AccountView v2 = AccountEvolution.evolve(opened, account("a-2", 2, deposited("a-2", "t", 5, "EUR", 5, null)));
        AccountView v3 = AccountEvolution.evolve(v2, account("a-2", 3, withdrawn("a-2", "u", 2, "EUR", 3)));

        assertThat(accounts.replace(v3, 2)).isFalse();
        assertThat(accounts.replace(v2, 1)).isTrue();
        assertThat(accounts.replace(v2, 1)).isFalse();

        assertThat(accounts.find("a-2")).contains(v2);
    }

    @Test
    void writingTheSameStatementLineTwiceKeepsOne() {
        StatementRow line = AccountEvolution.statementRow(
                account("a-3", 2, deposited("a-3", "t", 5, "EUR", 5, "x"))).orElseThrow();

        accounts.addStatementRow(line);
        accounts.addStatementRow(line);

        assertThat(mongo.find(new Query(), StatementRow.class, collections.statements())).containsExactly(line);
    }

    @Test
    void aParkedEventComesBackAsItWasParked() {
        EventEnvelope event = account("a-4", 3, withdrawn("a-4", "u", 2, "EUR", 3));

        parked.park(event);
        parked.park(event);

        assertThat(parked.count()).isEqualTo(1);
        EventEnvelope back = parked.find(AggregateType.ACCOUNT, "a-4", 3).orElseThrow();
        assertThat(back.event()).isEqualTo(event.event());
        assertThat(back.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(back.eventId()).isEqualTo(event.eventId());
        assertThat(parked.find(AggregateType.TRANSFER, "a-4", 3)).isEmpty();

        parked.remove(AggregateType.ACCOUNT, "a-4", 3);
        assertThat(parked.count()).isZero();
    }

    @Test
    void theAccountProjectionParksAndDrainsOnMongo() {
        AccountProjection projection = new AccountProjection(accounts, parked);
        List<EventEnvelope> events = List.of(
                account("a-5", 1, opened("a-5", "o-1", "EUR", 0)),
                account("a-5", 2, deposited("a-5", "t1", 10, "EUR", 10, null)),
                account("a-5", 3, deposited("a-5", "t2", 20, "EUR", 30, null)),
                account("a-5", 4, withdrawn("a-5", "t3", 5, "EUR", 25)));

        assertThat(projection.handle(events.get(0))).isEqualTo(Outcome.APPLIED);
        assertThat(projection.handle(events.get(3))).isEqualTo(Outcome.PARKED);
        assertThat(projection.handle(events.get(2))).isEqualTo(Outcome.PARKED);
        assertThat(accounts.find("a-5").orElseThrow().version()).isEqualTo(1);
        assertThat(projection.handle(events.get(1))).isEqualTo(Outcome.APPLIED);

        AccountView account = accounts.find("a-5").orElseThrow();
        assertThat(account.version()).isEqualTo(4);
        assertThat(account.balance()).isEqualTo(25);
        assertThat(parked.count()).isZero();
        assertThat(mongo.count(new Query(), collections.statements())).isEqualTo(3);
    }

    @Test
    void transferWritesAreGuardedTheSameWay() {
        MongoTransferStore transfers = new MongoTransferStore(mongo, collections);
        TransferView requested = TransferEvolution.requested(
                Envelopes.transfer("t-1", 1, Events.requested("t-1", "a", "b", 5, "EUR")));
        TransferView rejected = TransferEvolution.evolve(requested,
                Envelopes.transfer("t-1", 2, Events.rejected("t-1", "insufficient-funds")));

        assertThat(transfers.insert(requested)).isTrue();
        assertThat(transfers.insert(requested)).isFalse();
        assertThat(transfers.replace(rejected, 2)).isFalse();
        assertThat(transfers.replace(rejected, 1)).isTrue();

        assertThat(transfers.find("t-1")).contains(rejected);
    }
}
