package io.ledgerline.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.support.AccountScript;
import io.ledgerline.query.support.EventRecords;
import io.ledgerline.testkit.events.Events;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/** At-least-once delivery, out-of-order arrival, undecodable messages and version gaps, end to end. */
class ProjectionResilienceIT extends IntegrationTestBase {

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ConsumerFactory<byte[], byte[]> consumers;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private double duplicates(String aggregate) {
        Timer timer = meters.find("ledger.query.projection.apply").tag("aggregate", aggregate)
                .tag("outcome", "duplicate").timer();
        return timer == null ? 0 : timer.count();
    }

    private double counter(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode statement(String accountId) {
        return http.get("/api/v1/accounts/" + accountId + "/transactions", operator()).json();
    }

    @Test
    void redeliveredEventsInAnyOrderLeaveTheReadModelsUnchanged() {
        AccountScript account = new AccountScript(id("acc"), id("owner"), "EUR", someTime())
                .deposit("d1", 500).withdraw("w1", 120).debit("tr-1", "acc-x", 30).freeze().credit("tr-2", "x", 7);
        String transferId = id("tr");
        List<ProducerRecord<byte[], byte[]>> transferEvents = List.of(
                EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 1,
                        Events.requested(transferId, "acc-a", "acc-b", 30, "EUR"), someTime()),
                EventRecords.record(Topics.TRANSFER_EVENTS, transferId, 2, Events.completed(transferId),
                        someTime().plusSeconds(5)));
        send(account.all());
        send(transferEvents);
        JsonNode accountBefore = awaitAccount(account.accountId(), 6);
        JsonNode transferBefore = awaitTransfer(transferId, 2);
        JsonNode statementBefore = statement(account.accountId());
        double accountDuplicates = duplicates("account");
        double transferDuplicates = duplicates("transfer");

        List<ProducerRecord<byte[], byte[]>> again = new ArrayList<>(account.all());
        Collections.reverse(again);
        again.addAll(account.all());
        send(again);
        send(List.of(transferEvents.get(1), transferEvents.get(0), transferEvents.get(1)));

        await().atMost(AWAIT).until(() -> duplicates("account") >= accountDuplicates + 12
                && duplicates("transfer") >= transferDuplicates + 3);
        assertThat(http.get("/api/v1/accounts/" + account.accountId(), operator()).json()).isEqualTo(accountBefore);
        assertThat(statement(account.accountId())).isEqualTo(statementBefore);
        assertThat(http.get("/api/v1/transfers/" + transferId, operator()).json()).isEqualTo(transferBefore);
        assertThat(statementBefore.path("items")).hasSize(4);
        assertThat(accountBefore.path("balance").asLong()).isEqualTo(account.balance());
    }

    @Test
    void eventsArrivingOutOfOrderAreAppliedInVersionOrder() {
        AccountScript account = new AccountScript(id("acc"), id("owner"), "EUR", someTime())
                .deposit("d1", 10).deposit("d2", 20).withdraw("w1", 5);

        send(List.of(account.event(1), account.event(3), account.event(2), account.event(4), account.event(3),
                account.event(2)));

        JsonNode view = awaitAccount(account.accountId(), 4);
        assertThat(view.path("balance").asLong()).isEqualTo(25);
        List<Long> versions = new ArrayList<>();
        statement(account.accountId()).path("items").forEach(item -> versions.add(item.path("version").asLong()));
        assertThat(versions).containsExactly(4L, 3L, 2L);
    }

    @Test
    void anUndecodableMessageGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String badKey = id("bad");
        double before = counter("ledger.query.dead.letters", "code", "malformed-message");
        ProducerRecord<byte[], byte[]> garbage = EventRecords.record(Topics.ACCOUNT_EVENTS, 0, badKey, 2L,
                "io.ledgerline.contracts.account.MoneyDeposited", "not avro at all".getBytes(StandardCharsets.UTF_8),
                Instant.now());
        AccountScript next = new AccountScript(id("acc"), id("owner"), "EUR", someTime()).deposit("d", 42);

        send(garbage);
        next.all().forEach(record -> send(EventRecords.onPartition(record, 0)));

        assertThat(awaitAccount(next.accountId(), 2).path("balance").asLong()).isEqualTo(42);
        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(Topics.ACCOUNT_EVENTS, 0, badKey);
        assertThat(dead.value()).isEqualTo(garbage.value());
        assertThat(header(dead, LedgerHeaders.ERROR_CODE)).isEqualTo("malformed-message");
        assertThat(header(dead, LedgerHeaders.ERROR_DETAIL)).isNotBlank();
        assertThat(header(dead, LedgerHeaders.AGGREGATE_ID)).isEqualTo(badKey);
        assertThat(header(dead, LedgerHeaders.AGGREGATE_VERSION)).isEqualTo("2");
        assertThat(counter("ledger.query.dead.letters", "code", "malformed-message")).isGreaterThan(before);
    }

    @Test
    void aMalformedRecordInsideABatchIsDeadLetteredAloneAndItsNeighboursAreProjected() {
        AccountScript before = new AccountScript(id("acc"), id("owner"), "EUR", someTime()).deposit("d1", 5);
        AccountScript after = new AccountScript(id("acc"), id("owner"), "EUR", someTime()).deposit("d2", 7);
        String badKey = id("bad");
        ProducerRecord<byte[], byte[]> garbage = EventRecords.record(Topics.ACCOUNT_EVENTS, 0, badKey, 1L,
                "io.ledgerline.contracts.account.AccountOpened", "not avro either".getBytes(StandardCharsets.UTF_8),
                Instant.now());
        List<ProducerRecord<byte[], byte[]>> batch = List.of(before.event(1), after.event(1), garbage,
                before.event(2), after.event(2));
        double deadBefore = counter("ledger.query.dead.letters", "code", "malformed-message");
        MessageListenerContainer container = listeners.getListenerContainer(ProjectionListener.LISTENER_ID);

        // held back while they are produced, so that one poll hands all five records to the listener
        container.pause();
        try {
            await().atMost(AWAIT).until(container::isContainerPaused);
            batch.forEach(record -> send(EventRecords.onPartition(record, 0)));
        } finally {
            container.resume();
        }

        assertThat(awaitAccount(before.accountId(), 2).path("balance").asLong()).isEqualTo(5);
        assertThat(awaitAccount(after.accountId(), 2).path("balance").asLong()).isEqualTo(7);
        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(Topics.ACCOUNT_EVENTS, 0, badKey);
        assertThat(dead.value()).isEqualTo(garbage.value());
        assertThat(header(dead, LedgerHeaders.ERROR_CODE)).isEqualTo("malformed-message");
        assertThat(counter("ledger.query.dead.letters", "code", "malformed-message")).isEqualTo(deadBefore + 1);
        assertThat(deadLetterKeys(Topics.ACCOUNT_EVENTS, 0)).doesNotContain(before.accountId(), after.accountId());
        assertThat(statement(before.accountId()).path("items")).hasSize(1);
        assertThat(statement(after.accountId()).path("items")).hasSize(1);
    }

    @Test
    void aMessageWithoutItsVersionHeaderIsDeadLetteredOnItsOwnPartition() {
        String badKey = id("nover");
        ProducerRecord<byte[], byte[]> noVersion = EventRecords.record(Topics.ACCOUNT_EVENTS, 1, badKey, null,
                "io.ledgerline.contracts.account.AccountOpened",
                io.ledgerline.contracts.codec.LedgerCodec.contracts().encode(Events.opened(badKey, "o", "EUR", 0)),
                Instant.now());
        AccountScript next = new AccountScript(id("acc"), id("owner"), "EUR", someTime());

        send(noVersion);
        send(EventRecords.onPartition(next.event(1), 1));

        awaitAccount(next.accountId(), 1);
        ConsumerRecord<byte[], byte[]> dead = awaitDeadLetter(Topics.ACCOUNT_EVENTS, 1, badKey);
        assertThat(header(dead, LedgerHeaders.ERROR_CODE)).isEqualTo("invalid-headers");
        assertThat(header(dead, LedgerHeaders.ERROR_DETAIL)).contains(LedgerHeaders.AGGREGATE_VERSION);
        assertThat(http.get("/api/v1/accounts/" + badKey, operator()).status()).isEqualTo(404);
    }

    @Test
    void aVersionGapIsParkedNotSkippedAndHealsWhenTheMissingEventArrives() {
        AccountScript account = new AccountScript(id("acc"), id("owner"), "EUR", someTime())
                .deposit("d1", 100).deposit("d2", 20).withdraw("w1", 50).deposit("d3", 1);
        double gapsBefore = counter("ledger.query.projection.gaps", "aggregate", "account");

        send(List.of(account.event(1), account.event(2), account.event(4), account.event(5)));

        await().atMost(AWAIT).until(() -> parkedVersions(account.accountId()), versions -> versions.size() == 2);
        assertThat(parkedVersions(account.accountId())).containsExactlyInAnyOrder(4L, 5L);
        JsonNode stuck = http.get("/api/v1/accounts/" + account.accountId(), operator()).json();
        assertThat(stuck.path("version").asLong()).isEqualTo(2);
        assertThat(stuck.path("balance").asLong()).isEqualTo(100);
        assertThat(statement(account.accountId()).path("items")).hasSize(1);
        assertThat(counter("ledger.query.projection.gaps", "aggregate", "account")).isGreaterThanOrEqualTo(
                gapsBefore + 2);

        send(account.event(3));

        JsonNode healed = awaitAccount(account.accountId(), 5);
        assertThat(healed.path("balance").asLong()).isEqualTo(71);
        assertThat(statement(account.accountId()).path("items")).hasSize(4);
        assertThat(parkedVersions(account.accountId())).isEmpty();
    }

    private List<Long> parkedVersions(String aggregateId) {
        JsonNode health = http.get("/actuator/health", operator()).json();
        List<Long> versions = new ArrayList<>();
        health.path("components").path("projections").path("details").path("gaps").forEach(gap -> {
            if (gap.path("aggregateId").asText().equals(aggregateId)) {
                versions.add(gap.path("parkedVersion").asLong());
            }
        });
        return versions;
    }

    private ConsumerRecord<byte[], byte[]> awaitDeadLetter(String topic, int partition, String key) {
        TopicPartition deadLetters = new TopicPartition(Topics.deadLetter(topic), partition);
        AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
        try (Consumer<byte[], byte[]> consumer = consumers.createConsumer(id("dlt-reader"), null)) {
            consumer.assign(List.of(deadLetters));
            consumer.seekToBeginning(List.of(deadLetters));
            await().atMost(AWAIT).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
        }
        return found.get();
    }

    private List<String> deadLetterKeys(String topic, int partition) {
        TopicPartition deadLetters = new TopicPartition(Topics.deadLetter(topic), partition);
        List<String> keys = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = consumers.createConsumer(id("dlt-reader"), null)) {
            consumer.assign(List.of(deadLetters));
            consumer.seekToBeginning(List.of(deadLetters));
            long end = consumer.endOffsets(List.of(deadLetters)).get(deadLetters);
            await().atMost(AWAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> keys.add(new String(record.key(), StandardCharsets.UTF_8)));
                return consumer.position(deadLetters) >= end;
            });
        }
        return keys;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name)).map(Header::value)
                .map(value -> new String(value, StandardCharsets.UTF_8)).orElse(null);
    }
}
