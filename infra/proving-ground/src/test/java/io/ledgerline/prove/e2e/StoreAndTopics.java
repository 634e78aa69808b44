package io.ledgerline.prove.e2e;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.local.audit.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the two sources of truth a checker compares: the event store (read-only SQL) and the event topics. */
final class StoreAndTopics {

    record Published(String topic, String key, String eventId, long version, long offset, int partition) {
    }

    private StoreAndTopics() {
    }

    static List<StoredEvent> storedEvents(String jdbcUrl, String prefix) throws SQLException {
        LedgerCodec codec = LedgerCodec.contracts();
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            try (ResultSet rows = statement.executeQuery("select aggregateidentifier, sequencenumber, payload "
                    + "from domainevententry where aggregateidentifier like '" + prefix + ":%' order by globalindex")) {
                while (rows.next()) {
                    String bare = rows.getString(1).substring(prefix.length() + 1);
                    events.add(new StoredEvent(bare, rows.getLong(2) + 1, codec.decode(rows.getBytes(3))));
                }
            }
        }
        return events;
    }

    static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every record of the event topic, from offset 0 up to the end offsets at the time of the call. */
    static List<Published> published(String bootstrapServers, String topic) {
        List<Published> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    LedgerCodec.contracts().decode(record.value()); // every published event must decode
                    all.add(new Published(topic, record.key(), header(record, LedgerHeaders.EVENT_ID),
                            Long.parseLong(header(record, LedgerHeaders.AGGREGATE_VERSION)), record.offset(),
                            record.partition()));
                }
            }
        }
        return all;
    }

    static List<Published> accountEvents(String bootstrapServers) {
        return published(bootstrapServers, Topics.ACCOUNT_EVENTS);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
