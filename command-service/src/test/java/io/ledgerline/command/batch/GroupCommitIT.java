package io.ledgerline.command.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.http.HttpApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Group commit under concurrency, through the real service: commands queued together are stored in one
 * transaction (the same PostgreSQL {@code xmin}), keep their own outcomes, apply in arrival order, and a batch
 * that fails at commit is retried command by command. A test command ("barrier") holds the committer so that
 * the commands under test queue up behind it and form one batch.
 */
class GroupCommitIT extends CommandServiceIT {

    private static final String BARRIER = "test.barrier";

    /** Blocks the committer while it handles this command, once. */
    private record Barrier(CountDownLatch reached, CountDownLatch release) {
        static Barrier closed() {
            return new Barrier(new CountDownLatch(1), new CountDownLatch(1));
        }
    }

    @Autowired
    private GroupCommitCommandBus bus;
    @Autowired
    private CommandGateway gateway;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private DataSource dataSource;

    private final ExecutorService clients = Executors.newFixedThreadPool(16);
    private org.axonframework.common.Registration barrierHandler;

    @BeforeEach
    void subscribeBarrier() {
        barrierHandler = bus.subscribe(BARRIER, message -> {
            Barrier barrier = (Barrier) message.getPayload();
            barrier.reached().countDown();
            if (!barrier.release().await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the barrier");
            }
            return null;
        });
    }

    @AfterEach
    void stopClients() {
        barrierHandler.cancel();
        clients.shutdownNow();
    }

    @Test
    void twoCommandsOnOneAccountInOneBatchApplyInArrivalOrderToTheSameInstance() throws Exception {
        String account = openAccount("owner-1", "EUR", 0);
        Barrier hold = holdCommitter();
        CompletableFuture<HttpApi.Response> deposit = post(account, "deposits", "tx-in", 100);
        awaitQueued(command -> isFor(command, account, 1));
        CompletableFuture<HttpApi.Response> withdrawal = post(account, "withdrawals", "tx-out", 60);
        awaitQueued(command -> isFor(command, account, 2));
        hold.release().countDown();

        // the withdrawal is only possible after the deposit: it saw the deposit's state, in memory
        assertThat(deposit.get(30, TimeUnit.SECONDS).json().path("balance").asLong()).isEqualTo(100);
        HttpApi.Response withdrawn = withdrawal.get(30, TimeUnit.SECONDS);
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("balance").asLong()).isEqualTo(40);
        assertThat(withdrawn.json().path("version").asLong()).isEqualTo(3);
        assertThat(transactionsOf(account, 1)).as("both events in one transaction").hasSize(1);
    }

    @Test
    void aRefusalBesideSuccessesFailsOnlyItself() throws Exception {
        String first = openAccount("owner-2", "EUR", 0);
        String poor = openAccount("owner-2", "EUR", 10);
        String second = openAccount("owner-2", "EUR", 0);
        Barrier hold = holdCommitter();
        CompletableFuture<HttpApi.Response> a = post(first, "deposits", "tx-a", 5);
        awaitQueued(command -> isFor(command, first, 1));
        CompletableFuture<HttpApi.Response> refused = post(poor, "withdrawals", "tx-too-much", 1_000);
        awaitQueued(command -> isFor(command, poor, 1));
        CompletableFuture<HttpApi.Response> b = post(second, "deposits", "tx-b", 7);
        awaitQueued(command -> isFor(command, second, 1));
        hold.release().countDown();

        assertThat(a.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(refused.get(30, TimeUnit.SECONDS).code()).isEqualTo("insufficient-funds");
        assertThat(b.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(storedBalance(first)).isEqualTo(5);
        assertThat(storedBalance(poor)).isEqualTo(10);
        assertThat(storedEventsOfAccount(poor)).isEqualTo(2); // opened, seeded: the refusal appended nothing
        assertThat(storedBalance(second)).isEqualTo(7);
        List<String> transactions = new ArrayList<>(transactionsOf(first, 1));
        transactions.addAll(transactionsOf(second, 1));
        assertThat(transactions.stream().distinct()).as("one transaction for the batch").hasSize(1);
        // refused ids are not consumed: the same withdrawal, affordable now, is applied
        assertThat(api.post("/api/v1/accounts/" + poor + "/withdrawals", SERVICE,
                HttpApi.json("transactionId", "tx-too-much", "amount", 10, "currency", "EUR")).status())
                .isEqualTo(200);
    }

    @Test
    void aBatchThatViolatesAUniqueKeyAtCommitIsRetriedCommandByCommand() throws Exception {
        String mine = openAccount("owner-3", "EUR", 0);
        String raced = openAccount("owner-3", "EUR", 0);
        double retriedBefore = meters.counter("ledger.commands.batch.retried").count();
        Barrier first = holdCommitter();
        Barrier inBatch = Barrier.closed();
        CompletableFuture<Object> barrier = gateway.send(new GenericCommandMessage<>(new GenericMessage<>(inBatch),
                BARRIER));
        awaitQueued(command -> command.getPayload() == inBatch);
        CompletableFuture<HttpApi.Response> deposit = post(mine, "deposits", "tx-mine", 5);
        awaitQueued(command -> isFor(command, mine, 1));
        CompletableFuture<HttpApi.Response> racedDeposit = post(raced, "deposits", "tx-raced", 9);
        awaitQueued(command -> isFor(command, raced, 1));
        first.release().countDown();
        // the batch has read ahead and runs; while it waits, another instance consumes the same transaction id
        assertThat(inBatch.reached().await(30, TimeUnit.SECONDS)).isTrue();
        jdbc.update("""
                insert into account_operation (account_id, scope, reference_id, operation, amount, currency, version,
                  balance_after) values (?, 'transaction', 'tx-raced', 'DEPOSIT', 9, 'EUR', 7, 1234)""", raced);
        inBatch.release().countDown();

        barrier.get(30, TimeUnit.SECONDS);
        assertThat(deposit.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(storedBalance(mine)).isEqualTo(5);
        assertThat(storedEventsOfAccount(mine)).isEqualTo(2);
        HttpApi.Response replayed = racedDeposit.get(30, TimeUnit.SECONDS);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().path("version").asLong()).as("the other instance's outcome").isEqualTo(7);
        assertThat(replayed.json().path("balance").asLong()).isEqualTo(1234);
        assertThat(storedEventsOfAccount(raced)).as("not applied a second time").isEqualTo(1);
        assertThat(meters.counter("ledger.commands.batch.retried").count()).isGreaterThan(retriedBefore);
    }

    @Test
    void concurrentCommandsAreCommittedInBatchesAndEachAppliedOnce() throws Exception {
        List<String> accounts = List.of(openAccount("owner-4", "EUR", 0), openAccount("owner-4", "EUR", 0),
                openAccount("owner-4", "EUR", 0), openAccount("owner-4", "EUR", 0));
        double batchesBefore = meters.summary("ledger.commands.batch.size").count();
        double commandsBefore = meters.summary("ledger.commands.batch.size").totalAmount();
        List<CompletableFuture<HttpApi.Response>> deposits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deposits.add(post(accounts.get(i % accounts.size()), "deposits", "tx-" + i, 1 + i % 3));
        }
        for (CompletableFuture<HttpApi.Response> deposit : deposits) {
            assertThat(deposit.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        for (int a = 0; a < accounts.size(); a++) {
            long expected = 0;
            for (int i = a; i < 200; i += accounts.size()) {
                expected += 1 + i % 3;
            }
            assertThat(storedBalance(accounts.get(a))).isEqualTo(expected);
            assertThat(storedEventsOfAccount(accounts.get(a))).isEqualTo(1 + 200 / accounts.size());
        }
        double batches = meters.summary("ledger.commands.batch.size").count() - batchesBefore;
        double commands = meters.summary("ledger.commands.batch.size").totalAmount() - commandsBefore;
        assertThat(commands / batches).as("commands per batch with 16 concurrent clients").isGreaterThan(1.5);
    }

    @Test
    void aCachedAccountIsUsedOnlyWhileItIsCurrent() {
        String account = openAccount("owner-6", "EUR", 5); // cached here at balance 5
        String rich = openAccount("owner-6", "EUR", 1_000);
        // another instance appends to the account: a deposit that leaves it at 1 000 (its event, copied)
        jdbc.update("""
                insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                  payload, payloadrevision, payloadtype, timestamp)
                select ?, 2, type, ?, metadata, payload, payloadrevision, payloadtype, timestamp
                from domainevententry where aggregateidentifier = ? and sequencenumber = 1""",
                "account:" + account, UUID.randomUUID().toString(), "account:" + rich);

        HttpApi.Response withdrawn = api.post("/api/v1/accounts/" + account + "/withdrawals", SERVICE,
                HttpApi.json("transactionId", "tx-after-other", "amount", 500, "currency", "EUR"));

        assertThat(withdrawn.status()).as("decided on the stored state, not the cached one: " + withdrawn)
                .isEqualTo(200);
        assertThat(withdrawn.json().path("balance").asLong()).isEqualTo(500);
        assertThat(withdrawn.json().path("version").asLong()).isEqualTo(4);
    }

    @Test
    void aBatchWaitsForAnotherInstancesBatchOnTheSameAccountAndDecidesOnItsOutcome() throws Exception {
        String account = openAccount("owner-7", "EUR", 5); // cached here at balance 5
        String rich = openAccount("owner-7", "EUR", 1_000);
        double retriedBefore = meters.counter("ledger.commands.batch.retried").count();
        CompletableFuture<HttpApi.Response> withdrawal;
        try (Connection otherInstance = dataSource.getConnection()) {
            // another instance's batch holds the account and appends a deposit that leaves it at 1 000
            otherInstance.setAutoCommit(false);
            try (var lock = otherInstance.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))");
                 var insert = otherInstance.prepareStatement("""
                         insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                           metadata, payload, payloadrevision, payloadtype, timestamp)
                         select ?, 2, type, ?, metadata, payload, payloadrevision, payloadtype, timestamp
                         from domainevententry where aggregateidentifier = ? and sequencenumber = 1""")) {
                lock.setString(1, "account:" + account);
                lock.execute();
                insert.setString(1, "account:" + account);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, "account:" + rich);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            withdrawal = post(account, "withdrawals", "tx-after-other-batch", 500);
            await("this instance's batch waits for the account").atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory'"
                            + " and not granted", Integer.class) > 0);
            otherInstance.commit();
        }

        HttpApi.Response withdrawn = withdrawal.get(30, TimeUnit.SECONDS);
        assertThat(withdrawn.status()).as("decided after the other batch committed: " + withdrawn).isEqualTo(200);
        assertThat(withdrawn.json().path("balance").asLong()).isEqualTo(500);
        assertThat(withdrawn.json().path("version").asLong()).isEqualTo(4);
        assertThat(meters.counter("ledger.commands.batch.retried").count())
                .as("no batch lost a race and rolled back (which would leave gaps in the global index)")
                .isEqualTo(retriedBefore);
    }

    @Test
    void anEventWhoseTransactionCommitsAfterLaterOnesIsStillPublished() throws Exception {
        String template = openAccount("owner-5", "EUR", 0);
        String late = unique("late");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("""
                    insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                      metadata, payload, payloadrevision, payloadtype, timestamp)
                    select ?, 0, type, ?, metadata, payload, payloadrevision, payloadtype, timestamp
                    from domainevententry where aggregateidentifier = ? and sequencenumber = 0""")) {
                insert.setString(1, "account:" + late);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, "account:" + template);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            // later transactions commit and are published while this one holds its lower global index open
            String after = openAccount("owner-5", "EUR", 3);
            TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, after, 2);
            connection.commit();
        }
        assertThat(TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, late, 1)).hasSize(1);
    }

    private Barrier holdCommitter() throws InterruptedException {
        Barrier barrier = Barrier.closed();
        gateway.send(new GenericCommandMessage<>(new GenericMessage<>(barrier), BARRIER));
        assertThat(barrier.reached().await(30, TimeUnit.SECONDS)).as("the committer holds").isTrue();
        return barrier;
    }

    private CompletableFuture<HttpApi.Response> post(String account, String operation, String transactionId,
                                                     long amount) {
        return CompletableFuture.supplyAsync(() -> api.post("/api/v1/accounts/" + account + "/" + operation, SERVICE,
                HttpApi.json("transactionId", transactionId, "amount", amount, "currency", "EUR")), clients);
    }

    private void awaitQueued(Predicate<org.axonframework.commandhandling.CommandMessage<?>> command) {
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.queuedCommands().stream().anyMatch(command));
    }

    /** Whether {@code command} targets {@code account} and is at least the {@code count}th queued for it. */
    private boolean isFor(org.axonframework.commandhandling.CommandMessage<?> command, String account, int count) {
        return command.getPayload() instanceof AccountCommand c && c.accountId().equals(account)
                && bus.queuedCommands().stream().filter(q -> q.getPayload() instanceof AccountCommand other
                && other.accountId().equals(account)).count() >= count;
    }

    /** The PostgreSQL transactions that wrote an account's events from {@code fromSequence} on. */
    private List<String> transactionsOf(String account, long fromSequence) {
        return jdbc.queryForList("""
                select distinct xmin::text from domainevententry
                where aggregateidentifier = ? and sequencenumber >= ?""", String.class, "account:" + account,
                fromSequence);
    }
}
