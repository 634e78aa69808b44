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
import io.ledgerline.testkit.events.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A producer's commands on its topic: one result per command id, and bad messages never block. */
class CommandTopicIT extends CommandServiceIT {

    private final LedgerCodec codec = LedgerCodec.contracts();


    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> results;
    private KafkaConsumer<String, byte[]> deadLetters;
    private final List<CommandResult> seenResults = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> seenDeadLetters = new ArrayList<>();

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        results = TopicReader.subscribedAtEnd(brokers, RESULT_TOPIC);
        deadLetters = TopicReader.subscribedAtEnd(brokers, Topics.deadLetter(COMMAND_TOPIC));
    }

    @AfterEach
    void disconnect() {
        producer.close();
        results.close();
        deadLetters.close();
    }

    @Test
    void executesACommandAndPublishesItsResult() {
        String account = unique("acc");
        String open = send(account, Commands.open(account, "alice", "EUR"));
        String deposit = send(account, Commands.deposit(account, "tx-1", 500, "EUR"));

        assertThat(awaitResult(open).getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        CommandResult deposited = awaitResult(deposit);
        assertThat(deposited.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(deposited.getOutcome().getBalance()).isEqualTo(500L);
        assertThat(deposited.getOutcome().getVersion()).isEqualTo(2L);
        assertThat(deposited.getCommandType()).isEqualTo(DepositMoney.getClassSchema().getFullName());
        assertThat(api.get("/api/v1/commands/" + deposit + "?producer=" + PRODUCER, OPERATOR).json().path("status").asText())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void executesARedeliveredCommandOnceAndRepeatsTheSameResult() {
        String account = openAccount("alice", "EUR", 0);
        String commandId = UUID.randomUUID().toString();
        DepositMoney deposit = Commands.deposit(account, "tx-1", 7, "EUR");
        send(account, commandId, codec.encode(deposit));
        CommandResult first = awaitResult(commandId);
        send(account, commandId, codec.encode(deposit));
        await().atMost(Duration.ofSeconds(20)).until(() -> resultsOf(commandId).size() >= 2);
        assertThat(resultsOf(commandId)).allSatisfy(result -> assertThat(result).isEqualTo(first));
        assertThat(storedEventsOfAccount(account)).isEqualTo(2);
    }

    @Test
    void answersBusinessRefusalsRejected() {
        String account = openAccount("alice", "EUR", 0);
        String withdraw = send(account, Commands.withdraw(account, "tx-1", 7, "EUR"));
        CommandResult result = awaitResult(withdraw);
        assertThat(result.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(result.getCode()).isEqualTo("insufficient-funds");
    }

    @Test
    void requestsTransfersFromTheTopic() {
        String source = openAccount("alice", "EUR", 50);
        String destination = openAccount("bob", "EUR", 0);
        String transferId = unique("t");
        CommandResult result =
                awaitResult(send(transferId, Commands.transfer(transferId, source, destination, 50, "EUR")));
        assertThat(result.getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        assertThat(result.getOutcome().getTransferStatus()).isEqualTo("REQUESTED");
        await().atMost(Duration.ofSeconds(20)).until(() -> storedBalance(destination) == 50);
    }

    @Test
    void rejectsAndDeadLettersUndecodableAndInvalidMessagesWithoutBlockingThePartition() {
        String account = openAccount("alice", "EUR", 0);
        String garbage = UUID.randomUUID().toString();
        send(account, garbage, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        String invalid = send(account, Commands.deposit(account, "tx-1", 0, "EUR"));
        producer.send(new ProducerRecord<>(COMMAND_TOPIC, account, new byte[] {1, 2, 3}));
        String valid = send(account, Commands.deposit(account, "tx-2", 3, "EUR"));

        assertThat(awaitResult(valid).getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        CommandResult undecodable = awaitResult(garbage);
        assertThat(undecodable.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(undecodable.getCode()).isEqualTo("malformed-command");
        CommandResult rejected = awaitResult(invalid);
        assertThat(rejected.getStatus()).isEqualTo(CommandStatus.REJECTED);
        assertThat(rejected.getCode()).isEqualTo("validation-failed");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            pollDeadLetters();
            assertThat(seenDeadLetters.stream().filter(r -> account.equals(r.key()))).hasSize(3);
        });
        assertThat(seenDeadLetters.stream().filter(r -> account.equals(r.key())))
                .allSatisfy(r -> assertThat(header(r, LedgerHeaders.ERROR_CODE)).isNotBlank());
        assertThat(storedEventsOfAccount(account)).isEqualTo(2);
    }

    @Test
    void deadLettersAValueNearTheBrokersLimitCutToTheMessageCap() {
        String account = openAccount("alice", "EUR", 0);
        String huge = UUID.randomUUID().toString();
        byte[] value = java.util.Arrays.copyOf(codec.encode(Commands.deposit(account, "tx-1", 1, "EUR")), 1_040_000);
        send(account, huge, value);
        String valid = send(account, Commands.deposit(account, "tx-2", 3, "EUR"));

        assertThat(awaitResult(huge).getCode()).isEqualTo("malformed-command");
        assertThat(awaitResult(valid).getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            pollDeadLetters();
            assertThat(seenDeadLetters).filteredOn(r -> huge.equals(header(r, LedgerHeaders.COMMAND_ID)))
                    .singleElement().satisfies(r -> {
                        assertThat(r.value()).hasSize(LedgerCodec.MAX_MESSAGE_BYTES);
                        assertThat(header(r, LedgerHeaders.ERROR_TRUNCATED_FROM)).isEqualTo("1040000");
                    });
        });
    }

    private String send(String key, SpecificRecord command) {
        String commandId = UUID.randomUUID().toString();
        send(key, commandId, codec.encode(command));
        return commandId;
    }

    private void send(String key, String commandId, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(COMMAND_TOPIC, key, value);
        record.headers().add(LedgerHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private CommandResult awaitResult(String commandId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !resultsOf(commandId).isEmpty());
        return resultsOf(commandId).get(0);
    }

    private List<CommandResult> resultsOf(String commandId) {
        for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
            seenResults.add(codec.decode(record.value(), CommandResult.class));
        }
        return seenResults.stream().filter(result -> result.getCommandId().equals(commandId)).toList();
    }

    private void pollDeadLetters() {
        deadLetters.poll(Duration.ofMillis(200)).forEach(seenDeadLetters::add);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
