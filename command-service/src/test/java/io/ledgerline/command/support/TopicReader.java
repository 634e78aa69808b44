package io.ledgerline.command.support;

import static org.awaitility.Awaitility.await;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.codec.LedgerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from offset 0 as a downstream consumer would: plain Kafka client plus the contracts codec. */
public final class TopicReader {

    public record Event(String key, Map<String, String> headers, SpecificRecord value, long offset) {

        public String header(String name) {
            return headers.get(name);
        }

        public long version() {
            return Long.parseLong(headers.get(LedgerHeaders.AGGREGATE_VERSION));
        }
    }

    private TopicReader() {
    }

    /** Waits until {@code count} events keyed {@code key} are on the topic; returns them in topic order. */
    public static List<Event> awaitEvents(String brokers, String topic, String key, int count) {
        List<Event> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(brokers)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(decode(record));
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    /** Every record of the topic at this moment, decoded. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String brokers, String topic, Duration quiet) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(brokers)) {
            consumer.subscribe(List.of(topic));
            long[] lastSeen = {System.nanoTime()};
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                var records = consumer.poll(Duration.ofMillis(200));
                records.forEach(all::add);
                if (!records.isEmpty()) {
                    lastSeen[0] = System.nanoTime();
                }
                return !consumer.assignment().isEmpty() && System.nanoTime() - lastSeen[0] > quiet.toNanos();
            });
        }
        return all;
    }

    public static Event decode(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return new Event(record.key(), headers, LedgerCodec.contracts().decode(record.value()), record.offset());
    }

    /**
     * A consumer of {@code topic} in a group of its own, positioned at the end and assigned before it is returned,
     * so it sees exactly what is written after this call (records up to 4 MiB).
     */
    public static KafkaConsumer<String, byte[]> subscribedAtEnd(String brokers, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        // an assignment is not yet a position: resolve "latest" now, or a record written meanwhile is skipped
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private static KafkaConsumer<String, byte[]> consumer(String brokers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
