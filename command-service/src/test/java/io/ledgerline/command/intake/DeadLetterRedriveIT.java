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
import io.ledgerline.local.tools.DeadLetterRedrive;
import io.ledgerline.testkit.events.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The operator's re-drive ({@code infra/run-local redrive}) of {@code ledger.commands.v1.dlt}: a dead letter whose
 * command id was never answered is executed once; one whose id was answered gets its stored result again and
 * executes nothing; a second re-drive copies nothing.
 */
class DeadLetterRedriveIT extends CommandServiceIT {

    private final LedgerCodec codec = LedgerCodec.contracts();

    @Test
    void executesWhatWasNeverAnsweredAndRepeatsWhatWas() {
        String account = openAccount("alice", "EUR", 0);
        String unanswered = UUID.randomUUID().toString();
        String answered = UUID.randomUUID().toString();
        List<CommandResult> seen = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> results = TopicReader.subscribedAtEnd(brokers, RESULT_TOPIC)) {
            send(producer, COMMAND_TOPIC, account, answered, deposit(account, "tx-answered", 5));
            await().atMost(Duration.ofSeconds(30)).until(() -> poll(results, seen).stream()
                    .anyMatch(result -> result.getCommandId().equals(answered)));
            skipDeadLettersOfOtherTests();
            // as an older instance would have dead-lettered them
            send(producer, Topics.deadLetter(COMMAND_TOPIC), account, unanswered, deposit(account, "tx-new", 7));
            send(producer, Topics.deadLetter(COMMAND_TOPIC), account, answered, deposit(account, "tx-answered", 5));

            assertThat(DeadLetterRedrive.redrive(Topics.deadLetter(COMMAND_TOPIC), plainClient())).isEqualTo(2);

            await().atMost(Duration.ofSeconds(30)).until(() -> poll(results, seen).stream()
                    .filter(result -> result.getCommandId().equals(answered)).count() == 2
                    && seen.stream().anyMatch(result -> result.getCommandId().equals(unanswered)));
            assertThat(seen).filteredOn(result -> result.getCommandId().equals(unanswered)).singleElement()
                    .satisfies(result -> assertThat(result.getStatus()).isEqualTo(CommandStatus.SUCCEEDED));
            assertThat(seen).filteredOn(result -> result.getCommandId().equals(answered))
                    .allSatisfy(result -> assertThat(result.getOutcome().getVersion()).isEqualTo(2L));
        }
        assertThat(storedBalance(account)).isEqualTo(12);
        assertThat(storedEventsOfAccount(account)).isEqualTo(3);
        assertThat(DeadLetterRedrive.redrive(Topics.deadLetter(COMMAND_TOPIC), plainClient())).isZero();
    }

    /** The other tests of this context dead-letter records too: mark those as re-driven already. */
    private void skipDeadLettersOfOtherTests() {
        try (KafkaConsumer<byte[], byte[]> redrive = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, DeadLetterRedrive.GROUP),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = redrive.partitionsFor(Topics.deadLetter(COMMAND_TOPIC)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            redrive.endOffsets(partitions).forEach((partition, offset) ->
                    end.put(partition, new OffsetAndMetadata(offset)));
            redrive.commitSync(end);
        }
    }

    private byte[] deposit(String account, String transactionId, long amount) {
        return codec.encode(Commands.deposit(account, transactionId, amount, "EUR"));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String commandId,
                             byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(LedgerHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(LedgerHeaders.ERROR_CODE, "malformed-command".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<CommandResult> poll(KafkaConsumer<String, byte[]> results, List<CommandResult> seen) {
        for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
            seen.add(codec.decode(record.value(), CommandResult.class));
        }
        return seen;
    }

    /** The embedded broker of these tests is PLAINTEXT: a client needs its address only. */
    private Map<String, Object> plainClient() {
        return Map.of("bootstrap.servers", brokers);
    }
}
