package io.ledgerline.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.CommandStatus;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.WithdrawMoney;
import io.ledgerline.testkit.events.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command message runs with the rights of the producer whose topic it arrived on (docs/product.md §4, §6), and
 * command ids are scoped per producer. That only this producer's principal can write its topic is the brokers'
 * part (ACLs); the local stack's SASL broker is tested in infra/local and infra/proving-ground.
 */
class CommandProducersIT extends CommandServiceIT {

    private final LedgerCodec codec = LedgerCodec.contracts();
    private final Map<String, KafkaConsumer<String, byte[]>> results = new HashMap<>();
    private final Map<String, List<CommandResult>> seen = new HashMap<>();
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        for (String name : PRODUCERS) {
            results.put(name, TopicReader.subscribedAtEnd(brokers, Topics.commandResults(name)));
            seen.put(name, new ArrayList<>());
        }
    }

    @AfterEach
    void disconnect() {
        producer.close();
        results.values().forEach(KafkaConsumer::close);
    }

    @Test
    void aDepositOnlyProducerCanNeitherOpenAccountsNorWithdraw() {
        String account = openAccount("alice", "EUR", 100);

        CommandResult open = awaitResult(DEPOSIT_FEED,
                send(DEPOSIT_FEED, unique("acc"), Commands.open(unique("acc"), "mallory", "EUR", 1_000_000)));
        CommandResult withdraw = awaitResult(DEPOSIT_FEED, send(DEPOSIT_FEED, account, withdrawal(account, "w-1", 60)));
        CommandResult transfer = awaitResult(DEPOSIT_FEED, send(DEPOSIT_FEED, account,
                Commands.transfer(unique("t"), account, openAccount("mallory", "EUR", 0), 60, "EUR")));
        CommandResult deposit = awaitResult(DEPOSIT_FEED, send(DEPOSIT_FEED, account, deposit(account, "d-1", 5)));

        assertThat(List.of(open, withdraw, transfer)).allSatisfy(refused -> {
            assertThat(refused.getStatus()).isEqualTo(CommandStatus.REJECTED);
            assertThat(refused.getCode()).isEqualTo("forbidden");
        });
        assertThat(deposit.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(storedBalance(account)).isEqualTo(105);
        assertThat(storedEventsOfAccount(account)).isEqualTo(3); // opened, seeded, the feed's deposit
    }

    @Test
    void aCustomerProducerActsOnlyOnItsOwnersAccounts() {
        String own = openAccount("alice", "EUR", 50);
        String others = openAccount("bob", "EUR", 50);

        CommandResult ownWithdrawal = awaitResult(CUSTOMER_APP, send(CUSTOMER_APP, own, withdrawal(own, "w-1", 20)));
        CommandResult othersWithdrawal =
                awaitResult(CUSTOMER_APP, send(CUSTOMER_APP, others, withdrawal(others, "w-1", 20)));
        CommandResult deposit = awaitResult(CUSTOMER_APP, send(CUSTOMER_APP, own, deposit(own, "d-1", 20)));
        String forBob = unique("acc");
        CommandResult openForBob =
                awaitResult(CUSTOMER_APP, send(CUSTOMER_APP, forBob, Commands.open(forBob, "bob", "EUR")));
        String forAlice = unique("acc");
        CommandResult openForAlice =
                awaitResult(CUSTOMER_APP, send(CUSTOMER_APP, forAlice, Commands.open(forAlice, "alice", "EUR")));

        assertThat(ownWithdrawal.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(othersWithdrawal.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(othersWithdrawal.getCode()).isEqualTo("account-not-found"); // another owner's looks missing
        assertThat(deposit.getCode()).isEqualTo("forbidden");
        assertThat(openForBob.getCode()).isEqualTo("forbidden");
        assertThat(openForAlice.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(storedBalance(own)).isEqualTo(30);
        assertThat(storedBalance(others)).isEqualTo(50);
        assertThat(storedEventsOfAccount(forBob)).isZero();
    }

    @Test
    void twoProducersUsingTheSameCommandIdEachGetTheirOwnResult() {
        String account = openAccount("alice", "EUR", 0);
        String commandId = UUID.randomUUID().toString();

        send(PRODUCER, account, commandId, codec.encode(deposit(account, "first", 3)));
        CommandResult first = awaitResult(PRODUCER, commandId);
        send(OTHER_PRODUCER, account, commandId, codec.encode(deposit(account, "second", 4)));
        CommandResult second = awaitResult(OTHER_PRODUCER, commandId);

        assertThat(first.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(first.getOutcome().getBalance()).isEqualTo(3L);
        assertThat(second.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(second.getOutcome().getBalance()).isEqualTo(7L);
        assertThat(storedBalance(account)).isEqualTo(7);
        // neither result reached the other producer's topic
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                resultsOf(PRODUCER, commandId).size() == 1 && resultsOf(OTHER_PRODUCER, commandId).size() == 1);
        // an operator reads each through its producer
        assertThat(api.get("/api/v1/commands/" + commandId + "?producer=" + OTHER_PRODUCER, OPERATOR).json()
                .path("result").path("balance").asLong()).isEqualTo(7L);
        assertThat(api.get("/api/v1/commands/" + commandId, OPERATOR).code()).isEqualTo("command-not-found");
    }

    @Test
    void eventsNameTheProducerThatCausedThem() {
        String account = openAccount("alice", "EUR", 0);
        awaitResult(DEPOSIT_FEED, send(DEPOSIT_FEED, account, deposit(account, "d-1", 9)));

        List<TopicReader.Event> published = TopicReader.awaitEvents(brokers, Topics.ACCOUNT_EVENTS, account, 2);
        assertThat(published.get(1).header(LedgerHeaders.PRINCIPAL)).isEqualTo("#kafka:" + DEPOSIT_FEED);
        assertThat(published.get(1).header(LedgerHeaders.PRINCIPAL_ROLES)).isEqualTo("service");
        assertThat(published.get(1).header(LedgerHeaders.CHANNEL)).isEqualTo("kafka");
    }

    private static DepositMoney deposit(String account, String transactionId, long amount) {
        return Commands.deposit(account, transactionId, amount, "EUR");
    }

    private static WithdrawMoney withdrawal(String account, String transactionId, long amount) {
        return Commands.withdraw(account, transactionId, amount, "EUR");
    }

    private String send(String producerName, String key, SpecificRecord command) {
        String commandId = UUID.randomUUID().toString();
        send(producerName, key, commandId, codec.encode(command));
        return commandId;
    }

    private void send(String producerName, String key, String commandId, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.commands(producerName), key, value);
        record.headers().add(LedgerHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private CommandResult awaitResult(String producerName, String commandId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !resultsOf(producerName, commandId).isEmpty());
        return resultsOf(producerName, commandId).get(0);
    }

    private List<CommandResult> resultsOf(String producerName, String commandId) {
        for (ConsumerRecord<String, byte[]> record : results.get(producerName).poll(Duration.ofMillis(200))) {
            seen.get(producerName).add(codec.decode(record.value(), CommandResult.class));
        }
        return seen.get(producerName).stream().filter(result -> result.getCommandId().equals(commandId)).toList();
    }
}
