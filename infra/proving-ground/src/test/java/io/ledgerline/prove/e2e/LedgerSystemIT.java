package io.ledgerline.prove.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.local.tools.CommandSender;
import io.ledgerline.prove.check.EventStoreSnapshot;
import io.ledgerline.prove.check.StoreEvent;
import io.ledgerline.prove.check.TopicEvent;
import io.ledgerline.prove.check.TopicSnapshot;
import io.ledgerline.testkit.audit.LedgerAudit;
import io.ledgerline.testkit.audit.StoredEvent;
import io.ledgerline.testkit.http.HttpApi;
import io.ledgerline.testkit.http.HttpApi.Response;
import io.ledgerline.testkit.kafka.KafkaUsers;
import io.ledgerline.testkit.postgres.LocalPostgres;
import io.ledgerline.testkit.process.ManagedProcess;
import io.ledgerline.testkit.process.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end, on the real processes: HTTP command → Axon aggregate → PostgreSQL → tracking processor → Kafka
 * (Avro) → query-service → MongoDB → REST query; two instances of each service deciding on the same accounts,
 * re-publishing and rebuilding; and what survives a SIGKILL of both services mid-flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerSystemIT {

    private static SystemUnderTest system;

    @BeforeAll
    static void start() throws Exception {
        system = SystemUnderTest.start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> money(String transactionId, long amount) {
        return Map.of("transactionId", transactionId, "amount", amount, "currency", "EUR");
    }

    private static String open(String owner, long balance) {
        String account = id("acc");
        assertThat(system.command.postJson("/api/v1/accounts", system.service,
                Map.of("accountId", account, "ownerId", owner, "currency", "EUR")).status()).isEqualTo(201);
        if (balance > 0) {
            assertThat(system.command.postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                    money("seed", balance)).status()).isEqualTo(200);
        }
        return account;
    }

    private static JsonNode awaitTransfer(String transferId, String terminal) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> system.query.get("/api/v1/transfers/" + transferId, system.operator).json(),
                body -> terminal.equals(body.path("status").asText()));
    }

    @Test
    void anAccountsLifeIsReadableThroughTheQueryApi() {
        String account = id("acc");
        Response opened = system.command.postJson("/api/v1/accounts", system.customer,
                Map.of("accountId", account, "ownerId", "alice", "currency", "EUR"));
        assertThat(opened.status()).isEqualTo(201);
        system.command.postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                Map.of("transactionId", "tx-1", "amount", 1000, "currency", "EUR", "description", "{\"$gt\":\"\"}"));
        system.command.postJson("/api/v1/accounts/" + account + "/withdrawals", system.customer, money("tx-2", 300));
        Response frozen = system.command.postJson("/api/v1/accounts/" + account + "/freeze", system.operator,
                Map.of("reason", "review"));
        long version = frozen.json().path("version").asLong();
        assertThat(version).isEqualTo(4);

        Response read = system.query.get("/api/v1/accounts/" + account + "?minVersion=" + version, system.customer);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("balance").asLong()).isEqualTo(700);
        assertThat(read.json().path("status").asText()).isEqualTo("FROZEN");
        assertThat(read.json().path("ownerId").asText()).isEqualTo("alice");
        assertThat(read.header("ETag")).isEqualTo("\"4\"");

        JsonNode statement = system.query.get("/api/v1/accounts/" + account + "/transactions?minVersion=4",
                system.customer).json().path("items");
        assertThat(statement).hasSize(2);
        assertThat(statement.get(0).path("type").asText()).isEqualTo("WITHDRAWAL");
        assertThat(statement.get(0).path("balanceAfter").asLong()).isEqualTo(700);
        assertThat(statement.get(1).path("type").asText()).isEqualTo("DEPOSIT");
        assertThat(statement.get(1).path("description").asText()).as("stored as plain text")
                .isEqualTo("{\"$gt\":\"\"}");

        assertThat(system.query.get("/api/v1/accounts/" + account, system.otherCustomer).status()).isEqualTo(404);
        JsonNode summary = system.query.get("/api/v1/owners/alice/summary", system.customer).json();
        assertThat(summary.path("accounts").asInt()).isPositive();
        assertThat(summary.path("balances").findValuesAsText("currency")).contains("EUR");
    }

    @Test
    void transfersSettleAndShowOnBothSides() {
        String source = open("alice", 1000);
        String destination = open("bob", 0);
        String closed = open("carol", 0);
        system.command.postJson("/api/v1/accounts/" + closed + "/close", system.operator, null);

        String completed = id("t");
        Response accepted = system.command.postJson("/api/v1/transfers", system.customer, Map.of(
                "transferId", completed, "sourceAccountId", source, "destinationAccountId", destination,
                "amount", 250, "currency", "EUR"));
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode done = awaitTransfer(completed, "COMPLETED");
        assertThat(done.path("amount").asLong()).isEqualTo(250);
        assertThat(done.path("completedAt").asText()).isNotBlank();

        String rejected = id("t");
        system.command.postJson("/api/v1/transfers", system.service, Map.of("transferId", rejected,
                "sourceAccountId", destination, "destinationAccountId", source, "amount", 999_999, "currency", "EUR"));
        assertThat(awaitTransfer(rejected, "REJECTED").path("reason").asText()).isEqualTo("insufficient-funds");

        String failed = id("t");
        system.command.postJson("/api/v1/transfers", system.service, Map.of("transferId", failed,
                "sourceAccountId", source, "destinationAccountId", closed, "amount", 100, "currency", "EUR"));
        assertThat(awaitTransfer(failed, "FAILED").path("reason").asText()).isEqualTo("account-closed");

        JsonNode sourceAccount = await().atMost(Duration.ofSeconds(20)).until(
                () -> system.query.get("/api/v1/accounts/" + source, system.customer).json(),
                body -> body.path("balance").asLong() == 750 && body.path("version").asLong() == 5);
        assertThat(sourceAccount.path("balance").asLong()).isEqualTo(750);
        List<String> sourceRows = system.query.get("/api/v1/accounts/" + source + "/transactions", system.customer)
                .json().path("items").findValuesAsText("type");
        assertThat(sourceRows).containsExactly("TRANSFER_REFUND", "TRANSFER_OUT", "TRANSFER_OUT", "DEPOSIT");
        JsonNode incoming = system.query.get("/api/v1/accounts/" + destination + "/transactions?minVersion=2",
                system.otherCustomer).json().path("items").get(0);
        assertThat(incoming.path("type").asText()).isEqualTo("TRANSFER_IN");
        assertThat(incoming.path("transferId").asText()).isEqualTo(completed);
        assertThat(incoming.path("transactionId").asText()).isEqualTo(completed);
        assertThat(system.query.get("/api/v1/transfers/" + completed, system.otherCustomer).status())
                .as("either side may read a transfer").isEqualTo(200);
        assertThat(system.query.get("/api/v1/transfers/" + completed, system.token("mallory", "customer")).status())
                .isEqualTo(404);
    }

    /**
     * The trust boundary on the local stack's SASL broker: a message runs with its producer's rights, and two
     * producers' command ids never meet. (That a client without credentials, or writing another producer's topic,
     * is refused by the broker is LocalStackIT's.)
     */
    @Test
    void aNarrowProducerIsRefusedWhatItsRolesDoNotAllowAndProducersKeepTheirOwnCommandIds() {
        String account = id("acc");
        Map<String, Object> cli = system.stack.config().kafkaClientProperties(CommandSender.PRODUCER);
        Map<String, Object> feed = system.stack.config().kafkaClientProperties(SystemUnderTest.DEPOSIT_FEED);
        assertThat(CommandSender.send(List.of("open", "--account", account, "--owner", "erin", "--currency", "EUR"),
                cli, Duration.ofSeconds(30))).contains("\"SUCCEEDED\"");
        String commandId = "cmd-" + UUID.randomUUID();

        String withdrawn = CommandSender.send(List.of("withdraw", "--account", account, "--transaction", "w-1",
                "--amount", "1", "--currency", "EUR", "--producer", SystemUnderTest.DEPOSIT_FEED,
                "--command-id", commandId), feed, Duration.ofSeconds(30));
        String deposited = CommandSender.send(List.of("deposit", "--account", account, "--transaction", "d-1",
                "--amount", "30", "--currency", "EUR", "--command-id", commandId), cli, Duration.ofSeconds(30));

        assertThat(withdrawn).contains("\"REJECTED\"").contains("\"forbidden\"");
        assertThat(deposited).contains("\"SUCCEEDED\"").contains("\"balance\": 30");
        Response read = system.query.get("/api/v1/accounts/" + account + "?minVersion=2", system.operator);
        assertThat(read.json().path("balance").asLong()).isEqualTo(30);
    }

    @Test
    void commandsFromTheTopicAreExecutedAndVisibleEverywhere() {
        Map<String, Object> kafka = system.stack.config().kafkaClientProperties(CommandSender.PRODUCER);
        String account = id("acc");
        String opened = CommandSender.send(List.of("open", "--account", account, "--owner", "dora", "--currency",
                "EUR"), kafka, Duration.ofSeconds(30));
        assertThat(opened).contains("\"SUCCEEDED\"");
        String commandId = "cmd-" + UUID.randomUUID();
        String deposited = CommandSender.send(List.of("deposit", "--account", account, "--transaction", "tx-1",
                "--amount", "420", "--currency", "EUR", "--command-id", commandId), kafka, Duration.ofSeconds(30));
        assertThat(deposited).contains("\"SUCCEEDED\"").contains("\"balance\": 420");

        Response status = system.command.get("/api/v1/commands/" + commandId + "?producer=" + CommandSender.PRODUCER,
                system.operator);
        assertThat(status.json().path("status").asText()).isEqualTo("SUCCEEDED");
        Response read = system.query.get("/api/v1/accounts/" + account + "?minVersion=2", system.operator);
        assertThat(read.json().path("balance").asLong()).isEqualTo(420);
    }

    @Test
    void anAsynchronousCommandReportsItsOutcomeAndItsEffectIsReadable() {
        String account = open("erin", 0);
        Response accepted = system.command.postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                money("tx-async", 55), "Prefer", "respond-async");
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode status = await().atMost(Duration.ofSeconds(20)).until(
                () -> system.command.get(accepted.header("Location"), system.service).json(),
                body -> "SUCCEEDED".equals(body.path("status").asText()));
        long version = status.path("result").path("version").asLong();
        Response read = system.query.get("/api/v1/accounts/" + account + "?minVersion=" + version, system.operator);
        assertThat(read.json().path("balance").asLong()).isEqualTo(55);
    }

    /**
     * Two command-service instances on the same accounts (docs/architecture.md, "Several instances"): each caches
     * the aggregates it decided on, and the other's writes make that copy stale. Deposits go through one,
     * withdrawals and transfers from the same accounts through the other, each sent after the previous answer; every
     * withdrawal and transfer is covered by the deposits acknowledged before it, so none may be refused, and none
     * may answer 409 because of the other instance's earlier writes. Then the issue's case, in both directions:
     * deposit 5 through one, 1,000 through the other, withdraw 500 through the first.
     */
    @Test
    void instancesDecideOnCurrentStateWhateverTheOtherWrote() {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(open("alice", 0));
        }
        List<String> answers = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < accounts.size(); i++) {
                String account = accounts.get(i);
                Response deposited = system.command.postJson("/api/v1/accounts/" + account + "/deposits",
                        system.service, money("d-" + round, 100));
                answers.add("deposit " + deposited.status());
                Response withdrawn = system.otherCommand.postJson("/api/v1/accounts/" + account + "/withdrawals",
                        system.service, money("w-" + round, 60));
                answers.add("withdraw " + withdrawn.status() + " " + withdrawn.json().path("code").asText(""));
                String transferId = id("t");
                Response transferred = system.otherCommand.postJson("/api/v1/transfers", system.service, Map.of(
                        "transferId", transferId, "sourceAccountId", account,
                        "destinationAccountId", accounts.get((i + 1) % accounts.size()),
                        "amount", 40, "currency", "EUR"));
                answers.add("transfer " + transferred.status());
                // settled (by whichever instance runs the transfer process) before the next account's commands
                answers.add("transfer " + await().atMost(Duration.ofSeconds(30)).until(() -> system.otherQuery
                        .get("/api/v1/transfers/" + transferId, system.operator).json().path("status").asText(),
                        status -> List.of("COMPLETED", "REJECTED", "FAILED").contains(status)));
            }
        }
        assertThat(answers).as("every command had the funds when it was sent").allSatisfy(answer ->
                assertThat(answer).matches("deposit 200|withdraw 200 |transfer 202|transfer COMPLETED"));
        for (String account : accounts) {
            // per round +100 − 60 − 40 out + 40 in; open and four events a round
            Response read = system.otherQuery.get("/api/v1/accounts/" + account + "?minVersion=21", system.operator);
            assertThat(read.json().path("balance").asLong()).as(account).isEqualTo(200);
        }

        HttpApi[][] orders = {{system.command, system.otherCommand}, {system.otherCommand, system.command}};
        for (HttpApi[] order : orders) {
            String account = open("bob", 0);
            assertThat(order[0].postJson("/api/v1/accounts/" + account + "/deposits", system.service, money("a", 5))
                    .status()).isEqualTo(200);
            assertThat(order[1].postJson("/api/v1/accounts/" + account + "/deposits", system.service, money("b", 1000))
                    .status()).isEqualTo(200);
            Response withdrawn = order[0].postJson("/api/v1/accounts/" + account + "/withdrawals", system.service,
                    money("c", 500));
            assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
            assertThat(withdrawn.json().path("balance").asLong()).isEqualTo(505);
            Response deposited = order[1].postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                    money("d", 1));
            assertThat(deposited.status()).as(deposited.toString()).isEqualTo(200);
            assertThat(deposited.json().path("balance").asLong()).isEqualTo(506);
        }
    }

    /**
     * Re-publication asked of the command-service instance that does not hold the publisher's segment: the request
     * pauses the other instance's publisher (which releases its claim), rewinds, and both publish again. Axon's
     * reset alone would refuse it ({@code 409}) while the other instance holds the segment.
     */
    @Test
    void aRepublicationAskedOfOneInstanceCoordinatesTheOther() {
        String publisher = "/api/v1/admin/processors/kafka-publisher";
        JsonNode segment = await().atMost(Duration.ofSeconds(30)).until(() -> system.command.get(publisher,
                system.operator).json().path("segments").get(0), s -> !s.path("owner").asText("").isEmpty());
        HttpApi holder = segment.path("owner").asText().startsWith("command-service-2 ") ? system.otherCommand
                : system.command;
        HttpApi other = holder == system.command ? system.otherCommand : system.command;
        long head = await().atMost(Duration.ofSeconds(30)).until(() -> holder.get("/api/v1/admin/publication",
                system.operator).json(), status -> status.path("position").asLong(-1)
                == status.path("headPosition").asLong()).path("headPosition").asLong();
        String account = open("alice", 300);
        assertThat(await().atMost(Duration.ofSeconds(60)).until(() -> accountVersionsOnTopic(account),
                versions -> versions.size() >= 2)).containsExactly(1L, 2L);

        Response started = other.postJson("/api/v1/admin/publication/republish", system.operator,
                Map.of("fromPosition", head + 1));

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("replaying").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> accountVersionsOnTopic(account),
                versions -> versions.equals(List.of(1L, 2L, 1L, 2L)));
        assertThat(holder.postJson("/api/v1/accounts/" + account + "/deposits", system.service, money("after", 5))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> accountVersionsOnTopic(account),
                versions -> versions.equals(List.of(1L, 2L, 1L, 2L, 3L)));
        for (HttpApi instance : List.of(system.command, system.otherCommand)) {
            assertThat(instance.get("/api/v1/admin/publication", system.operator).json().path("running")
                    .asBoolean()).as("publisher running on every instance again").isTrue();
        }
        Response read = system.query.get("/api/v1/accounts/" + account + "?minVersion=3", system.operator);
        assertThat(read.json().path("balance").asLong()).as("the copies changed nothing").isEqualTo(305);
    }

    /**
     * A rebuild on one query-service instance while the other serves: the other answers reads throughout, both
     * instances' consumers write what arrives meanwhile into the new generation, and both read from it afterwards.
     */
    @Test
    void aRebuildOnOneQueryServiceWhileTheOtherServes() {
        String rebuild = "/api/v1/admin/projections/rebuild";
        String account = open("alice", 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> system.otherQuery.get("/api/v1/accounts/" + account
                + "?minVersion=2", system.operator).status() == 200);
        long before = system.otherQuery.get(rebuild, system.operator).json().path("activeGeneration").asLong();

        Response started = system.query.postJson(rebuild, system.operator, Map.of());

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(system.otherCommand.postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                money("during-rebuild", 5)).status()).isEqualTo(200);
        List<Integer> servedWhileRunning = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode status = system.query.get(rebuild, system.operator).json();
            Response read = system.otherQuery.get("/api/v1/accounts/" + account, system.operator);
            assertThat(read.status()).as("the other instance serves during the rebuild: " + read).isEqualTo(200);
            if (status.path("state").asText().equals("RUNNING")) {
                servedWhileRunning.add(read.status());
            }
            assertThat(status.path("state").asText()).isNotEqualTo("FAILED");
            return status.path("state").asText().equals("COMPLETED")
                    && status.path("activeGeneration").asLong() == before + 1;
        });
        // the switch waits two generation refresh periods (2 s), so reads were asked while it ran
        assertThat(servedWhileRunning).as("reads answered by the other instance while the rebuild ran").isNotEmpty();
        for (HttpApi instance : List.of(system.query, system.otherQuery)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(instance.get(rebuild,
                    system.operator).json().path("activeGeneration").asLong()).isEqualTo(before + 1));
            Response read = instance.get("/api/v1/accounts/" + account + "?minVersion=3", system.operator);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("balance").asLong()).isEqualTo(105);
        }
    }

    private static List<Long> accountVersionsOnTopic(String account) {
        return TopicSnapshot.read(system.stack.config().kafkaClientProperties(KafkaUsers.ADMIN),
                        Topics.ACCOUNT_EVENTS, Duration.ofSeconds(30)).stream()
                .filter(event -> account.equals(event.key()))
                .sorted(java.util.Comparator.comparingLong(TopicEvent::offset))
                .map(event -> Long.parseLong(event.header(LedgerHeaders.AGGREGATE_VERSION)))
                .toList();
    }

    private final Map<String, String> acknowledgedDeposits = new ConcurrentHashMap<>();
    private final Set<String> acceptedTransfers = ConcurrentHashMap.newKeySet();

    /**
     * SIGKILL of both services (their first instances) while deposits and transfers flow: no acknowledged event is
     * lost, every stored event reaches Kafka in per-aggregate order, no transfer is left in flight, money is neither
     * created nor lost, and the read models end equal to the event store. Last, because it restarts the services.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void survivesSigkillOfBothServicesMidFlow() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String account = "crash-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            system.command.postJson("/api/v1/accounts", system.service,
                    Map.of("accountId", account, "ownerId", "alice", "currency", "EUR"));
            system.command.postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                    Map.of("transactionId", "seed", "amount", 10_000, "currency", "EUR"));
            accounts.add(account);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Random random = new Random(42 + t);
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    step(random, accounts);
                }
            }));
        }
        awaitAcknowledged(40);
        // Both services die mid-flow: the command-service with transfers half-settled, the query-service with
        // consumed but perhaps uncommitted positions. The first instance of each, the one the workers send to; the
        // second ones take over their processor segments and partitions meanwhile. (Four JVMs restarting at once
        // under this load take minutes on two cores.) The drills of infra/prove kill every other process too.
        List<ManagedProcess> services = List.of(system.stack.commandService(), system.stack.queryService());
        services.forEach(service -> service.kill(Signal.KILL));
        await().atMost(Duration.ofSeconds(30)).until(() -> services.stream().noneMatch(ManagedProcess::isAlive));
        services.forEach(ManagedProcess::start);
        services.forEach(ManagedProcess::waitHealthy);
        awaitAcknowledged(acknowledgedDeposits.size() + 40);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        String jdbc = system.stack.config().jdbcUrl();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> EventStoreSnapshot.count(jdbc, LocalPostgres.USER,
                        "select count(*) from transfer_in_flight") == 0);
        List<StoreEvent> store = EventStoreSnapshot.read(jdbc, LocalPostgres.USER);
        List<StoredEvent> accountEvents = store.stream().filter(StoreEvent::account).map(StoreEvent::toStoredEvent)
                .toList();
        List<StoredEvent> transferEvents = store.stream().filter(e -> !e.account()).map(StoreEvent::toStoredEvent)
                .toList();
        LedgerAudit.Report audit = LedgerAudit.audit(accountEvents, transferEvents, true);
        assertThat(audit.violations()).isEmpty();
        assertThat(audit.transfers().keySet()).containsAll(acceptedTransfers);

        Map<String, Integer> applied = new HashMap<>();
        accountEvents.stream().filter(e -> e.event() instanceof MoneyDeposited)
                .forEach(e -> applied.merge(((MoneyDeposited) e.event()).getTransactionId(), 1, Integer::sum));
        assertThat(acknowledgedDeposits.keySet()).allSatisfy(tx -> assertThat(applied.get(tx)).as(tx).isEqualTo(1));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertTopicMirrorsStore(Topics.ACCOUNT_EVENTS, accountEvents);
            assertTopicMirrorsStore(Topics.TRANSFER_EVENTS, transferEvents);
        });
        for (LedgerAudit.AccountState account : audit.accounts().values()) {
            Response read = system.query.get("/api/v1/accounts/" + account.accountId() + "?minVersion="
                    + account.version(), system.operator);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("balance").asLong()).as(account.accountId()).isEqualTo(account.balance());
            assertThat(read.json().path("version").asLong()).isEqualTo(account.version());
        }
        for (LedgerAudit.TransferState transfer : audit.transfers().values()) {
            JsonNode read = system.query.get("/api/v1/transfers/" + transfer.transferId() + "?minVersion="
                    + transfer.version(), system.operator).json();
            assertThat(read.path("status").asText()).as(transfer.transferId()).isEqualTo(transfer.status());
        }
        System.out.printf("crash recovery: %d acknowledged deposits, %d transfers (%s), %d account events%n",
                acknowledgedDeposits.size(), audit.transfers().size(), audit.transfers().values().stream()
                        .collect(java.util.stream.Collectors.groupingBy(LedgerAudit.TransferState::status,
                                java.util.stream.Collectors.counting())), accountEvents.size());
    }

    private void step(Random random, List<String> accounts) {
        String account = accounts.get(random.nextInt(accounts.size()));
        try {
            if (random.nextBoolean()) {
                String tx = UUID.randomUUID().toString();
                Response response = system.command.postJson("/api/v1/accounts/" + account + "/deposits", system.service,
                        Map.of("transactionId", tx, "amount", 1 + random.nextInt(100), "currency", "EUR"));
                if (response.status() == 200) {
                    acknowledgedDeposits.put(tx, account);
                }
            } else {
                String destination = accounts.get(random.nextInt(accounts.size()));
                if (destination.equals(account)) {
                    return;
                }
                String transferId = UUID.randomUUID().toString();
                Response response = system.command.postJson("/api/v1/transfers", system.service,
                        Map.of("transferId", transferId, "sourceAccountId", account, "destinationAccountId",
                                destination, "amount", 1 + random.nextInt(500), "currency", "EUR"));
                if (response.status() == 202) {
                    acceptedTransfers.add(transferId);
                }
            }
        } catch (AssertionError connectionLost) {
            // the service is down: the operation's outcome is unknown, which the checks allow
        }
    }

    private void awaitAcknowledged(int deposits) {
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledgedDeposits.size() >= deposits);
    }

    private static void assertTopicMirrorsStore(String topic, List<StoredEvent> stored) {
        List<TopicEvent> published = TopicSnapshot.read(system.stack.config().kafkaClientProperties(KafkaUsers.ADMIN), topic,
                Duration.ofSeconds(60));
        assertThat(published).allSatisfy(p -> assertThat(p.decodeError()).as("every published event decodes").isNull());
        Set<String> storedKeys = new HashSet<>();
        stored.forEach(e -> storedKeys.add(e.aggregateId() + "#" + e.version()));
        Set<String> publishedKeys = new HashSet<>();
        Map<String, Long> highest = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        published.stream().sorted(java.util.Comparator.comparingInt(TopicEvent::partition)
                .thenComparingLong(TopicEvent::offset)).forEach(p -> {
            long version = Long.parseLong(p.header(LedgerHeaders.AGGREGATE_VERSION));
            Long last = highest.get(p.key());
            if (last != null && version > last + 1) {
                outOfOrder.add(p.key() + " jumped from v" + last + " to v" + version);
            }
            highest.merge(p.key(), version, Math::max);
            publishedKeys.add(p.key() + "#" + version);
        });
        assertThat(outOfOrder).isEmpty();
        assertThat(publishedKeys).isEqualTo(storedKeys);
    }
}
