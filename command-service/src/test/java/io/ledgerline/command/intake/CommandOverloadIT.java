package io.ledgerline.command.intake;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.command.support.TopicReader;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.command.CommandResult;
import io.ledgerline.contracts.command.CommandStatus;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.http.HttpApi.Response;
import io.ledgerline.testkit.postgres.LocalPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The bound on commands one instance holds ({@link CommandAdmission}): with the event store's table locked, so
 * that nothing commits, the instance admits exactly its capacity, answers every further HTTP command 503
 * {@code overloaded} with {@code Retry-After} at once (asynchronous ones too), keeps answering reads, and holds a
 * command-topic message back without rejecting it; once the lock goes, every admitted command and the held
 * message are applied exactly once.
 */
@TestPropertySource(properties = "ledgerline.intake.queue-capacity=" + CommandOverloadIT.CAPACITY)
class CommandOverloadIT extends CommandServiceIT {

    static final int CAPACITY = 4;

    /** Its own database: see {@link CommandServiceIT#OWN_DATABASE}. */
    private static final LocalPostgres OWN_POSTGRES = LocalPostgres.ephemeral();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add(OWN_DATABASE, OWN_POSTGRES::jdbcUrl);
    }

    @Autowired
    private DataSource dataSource;

    private final LedgerCodec codec = LedgerCodec.contracts();

    @Test
    void answersOverloadedBeyondTheBoundAndLosesNothingAdmitted() throws Exception {
        String account = openAccount("alice", "EUR", 0);
        List<String> admitted = new ArrayList<>();
        String heldCommand = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> results = TopicReader.subscribedAtEnd(brokers, RESULT_TOPIC);
             Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table domainevententry in share mode"); // reads go on, appends wait
            }

            for (int i = 0; i < CAPACITY; i++) {
                Response accepted = deposit(account, "tx-" + i, "respond-async");
                assertThat(accepted.status()).as("command %d within the bound", i).isEqualTo(202);
                admitted.add(accepted.header("Location"));
            }
            Response async = deposit(account, "tx-over-async", "respond-async");
            Response sync = deposit(account, "tx-over-sync", null);
            for (Response refused : List.of(async, sync)) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.code()).isEqualTo("overloaded");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
            }
            assertThat(api.get(admitted.get(0), SERVICE).json().path("status").asText()).isEqualTo("PENDING");

            ProducerRecord<String, byte[]> message = new ProducerRecord<>(COMMAND_TOPIC, account,
                    codec.encode(Commands.deposit(account, "tx-topic", 100, "EUR")));
            message.headers().add(LedgerHeaders.COMMAND_ID, heldCommand.getBytes(StandardCharsets.UTF_8));
            producer.send(message).get();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> resultsOf(results, heldCommand).isEmpty());

            lock.rollback();

            for (String location : admitted) {
                await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(
                        api.get(location, SERVICE).json().path("status").asText()));
            }
            List<CommandResult> held = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                held.addAll(resultsOf(results, heldCommand));
                return !held.isEmpty();
            });
            assertThat(held.get(0).getStatus()).isEqualTo(CommandStatus.SUCCEEDED);
        }
        assertThat(storedBalance(account)).isEqualTo(CAPACITY + 100L);
        assertThat(storedEventsOfAccount(account)).isEqualTo(1 + CAPACITY + 1);
        assertThat(deposit(account, "tx-after", null).status()).isEqualTo(200);
    }

    private Response deposit(String account, String transactionId, String prefer) {
        String body = json("transactionId", transactionId, "amount", 1, "currency", "EUR");
        String path = "/api/v1/accounts/" + account + "/deposits";
        return prefer == null ? api.post(path, SERVICE, body) : api.post(path, SERVICE, body, "Prefer", prefer);
    }

    private List<CommandResult> resultsOf(KafkaConsumer<String, byte[]> results, String commandId) {
        List<CommandResult> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
            CommandResult result = codec.decode(record.value(), CommandResult.class);
            if (result.getCommandId().equals(commandId)) {
                found.add(result);
            }
        }
        return found;
    }
}
