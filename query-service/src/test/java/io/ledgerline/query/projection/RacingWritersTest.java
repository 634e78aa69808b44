package io.ledgerline.query.projection;

import static io.ledgerline.query.support.Envelopes.account;
import static io.ledgerline.testkit.events.Events.deposited;
import static io.ledgerline.testkit.events.Events.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.query.account.AccountEvolution;
import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.account.MongoAccountStore;
import io.ledgerline.query.account.StatementRow;
import io.ledgerline.query.transfer.MongoTransferStore;
import io.ledgerline.query.transfer.TransferEvolution;
import io.ledgerline.testkit.mongo.MongoWireServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Two batch projectors writing the same generation on the MongoDB-wire stand-in, as a rebalance or a rebuild
 * next to the live consumer does. The races are placed exactly (the second writer runs inside the first one's
 * write step), and once more left to the scheduler.
 */
class RacingWritersTest {

    private static MongoWireServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;
    private static int generation = 200;

    private final ReadModelCollections collections = new ReadModelCollections(++generation);
    private final MongoAccountStore accounts = new MongoAccountStore(mongo, collections);
    private final MongoParkedEvents parked = new MongoParkedEvents(mongo, collections.parkedEvents(),
            LedgerCodec.contracts(), Clock.systemUTC());
    private final BatchProjector other = projector(accounts, parked);

    @BeforeAll
    static void startServer() {
        server = MongoWireServer.inMemory();
        client = MongoClients.create(server.connectionString("races"));
        mongo = new MongoTemplate(client, "races");
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    private BatchProjector projector(DocumentStore<AccountView> accountStore, ParkedEvents parkedEvents) {
        return new BatchProjector(parkedEvents,
                new StreamProjection<>(AggregateType.ACCOUNT, AccountEvolution.EVOLUTION, accountStore),
                new StreamProjection<>(AggregateType.TRANSFER, TransferEvolution.EVOLUTION,
                        new MongoTransferStore(mongo, collections)));
    }

    /** The stream of one account: opened, then deposits of 1, 2, 3, ... */
    private static List<EventEnvelope> stream(String accountId, int events) {
        List<EventEnvelope> stream = new ArrayList<>();
        stream.add(account(accountId, 1, opened(accountId, "owner", "EUR", 0)));
        long balance = 0;
        for (int version = 2; version <= events; version++) {
            balance += version - 1;
            stream.add(account(accountId, version, deposited(accountId, "t" + version, version - 1, "EUR", balance,
                    null)));
        }
        return stream;
    }

    private AccountView stored(String accountId) {
        return accounts.findAll(List.of(accountId)).get(accountId);
    }

    private List<Long> statementVersions(String accountId) {
        Query lines = Query.query(org.springframework.data.mongodb.core.query.Criteria.where("accountId")
                .is(accountId)).with(Sort.by("version"));
        return mongo.find(lines, StatementRow.class, collections.statements()).stream().map(StatementRow::version)
                .toList();
    }

    @Test
    void aWriterWhoseGuardFailsRereadsAndAppliesOnlyWhatIsLeft() {
        List<EventEnvelope> events = stream("r-1", 4);
        other.apply(events.subList(0, 1));
        DocumentStore<AccountView> racedAccounts = new DocumentStore<>() {
            private boolean raced;

            @Override
            public Map<String, AccountView> findAll(Collection<String> ids) {
                return accounts.findAll(ids);
            }

            @Override
            public Set<String> writeAll(List<AggregateFold<AccountView>> folds) {
                if (!raced) {
                    raced = true;
                    other.apply(events.subList(1, 3));
                }
                return accounts.writeAll(folds);
            }
        };

        List<Outcome> outcomes = projector(racedAccounts, parked).apply(events.subList(1, 4));

        assertThat(outcomes).containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.APPLIED);
        assertThat(stored("r-1").version()).isEqualTo(4);
        assertThat(stored("r-1").balance()).isEqualTo(6);
        assertThat(statementVersions("r-1")).containsExactly(2L, 3L, 4L);
    }

    @Test
    void anEventParkedWhileAnotherWriterFillsTheGapIsNotLeftBehind() {
        List<EventEnvelope> events = stream("r-2", 3);
        other.apply(events.subList(0, 1));
        ParkedEvents racedParking = new ParkedEvents() {
            private boolean raced;

            @Override
            public List<EventEnvelope> findAll(Collection<AggregateKey> aggregates) {
                return parked.findAll(aggregates);
            }

            @Override
            public void parkAll(Collection<EventEnvelope> toPark) {
                if (!raced && !toPark.isEmpty()) {
                    raced = true;
                    // the other writer applies v2 and looks for parked successors before v3 is parked
                    other.apply(events.subList(1, 2));
                }
                parked.parkAll(toPark);
            }

            @Override
            public void removeAll(Collection<EventEnvelope> applied) {
                parked.removeAll(applied);
            }
        };

        assertThat(projector(accounts, racedParking).apply(events.subList(2, 3))).containsExactly(Outcome.PARKED);

        assertThat(stored("r-2").version()).isEqualTo(3);
        assertThat(parked.count()).isZero();
        assertThat(statementVersions("r-2")).containsExactly(2L, 3L);
    }

    @Test
    void aWriterThatFillsAGapDrainsWhatAnotherWriterParkedMeanwhile() {
        List<EventEnvelope> events = stream("r-3", 3);
        other.apply(events.subList(0, 1));
        DocumentStore<AccountView> racedAccounts = new DocumentStore<>() {
            private boolean raced;

            @Override
            public Map<String, AccountView> findAll(Collection<String> ids) {
                return accounts.findAll(ids);
            }

            @Override
            public Set<String> writeAll(List<AggregateFold<AccountView>> folds) {
                if (!raced) {
                    raced = true;
                    // the other writer parks v3 after this one read no parked events but before it writes v2
                    other.apply(events.subList(2, 3));
                }
                return accounts.writeAll(folds);
            }
        };

        assertThat(projector(racedAccounts, parked).apply(events.subList(1, 2))).containsExactly(Outcome.APPLIED);

        assertThat(stored("r-3").version()).isEqualTo(3);
        assertThat(parked.count()).isZero();
    }

    @Test
    void twoWritersApplyingTheSameEventsInOtherBatchesEndWithOneCorrectReadModel() {
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> "free-" + generation + "-" + i).toList();
        List<EventEnvelope> all = new ArrayList<>();
        ids.forEach(id -> all.addAll(stream(id, 30)));

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> applyShuffled(other, all, new Random(1)));
        CompletableFuture<Void> second = CompletableFuture.runAsync(
                () -> applyShuffled(projector(accounts, parked), all, new Random(2)));
        first.join();
        second.join();

        for (String id : ids) {
            assertThat(stored(id).version()).as(id).isEqualTo(30);
            assertThat(stored(id).balance()).as(id).isEqualTo(29 * 30 / 2);
            assertThat(statementVersions(id)).as(id).hasSize(29).doesNotHaveDuplicates();
        }
        assertThat(parked.count()).isZero();
    }

    /** In batches of 1 to 40 events, each batch in shuffled order. */
    private static void applyShuffled(BatchProjector projector, List<EventEnvelope> events, Random random) {
        List<EventEnvelope> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        for (int start = 0; start < shuffled.size(); ) {
            int end = Math.min(shuffled.size(), start + 1 + random.nextInt(40));
            projector.apply(shuffled.subList(start, end));
            start = end;
        }
    }
}
