package io.ledgerline.prove.check;

import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every message of a topic from offset 0 up to the end offsets taken at the start, read as a downstream consumer
 * would (plain client, no consumer group, read_committed) and decoded with the contracts codec alone.
 */
public final class TopicSnapshot {

    private TopicSnapshot() {
    }

    public static List<TopicEvent> read(Map<String, Object> bootstrapServers, String topic, Duration patience) {
        LedgerCodec codec = LedgerCodec.contracts();
        List<TopicEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaUsers.config(bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, patience).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, patience);
            long deadline = System.nanoTime() + patience.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + end
                            + " within " + patience);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    events.add(decode(codec, record));
                }
            }
        }
        return events;
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static TopicEvent decode(LedgerCodec codec, ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(),
                    StandardCharsets.UTF_8));
        }
        try {
            return new TopicEvent(record.topic(), record.partition(), record.offset(), record.key(), headers,
                    codec.decode(record.value()), null);
        } catch (RuntimeException e) {
            return new TopicEvent(record.topic(), record.partition(), record.offset(), record.key(), headers, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
