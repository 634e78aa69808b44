package io.ledgerline.local.tools;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.testkit.cli.Cli;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;

/**
 * The operator's re-drive of a dead-letter topic after a fix: copies every record of {@code <topic>.dlt} that was
 * not re-driven before back onto {@code <topic>}, same partition, same key, value and headers, without the
 * dead-letter reasons ({@code ledger-error-*}, {@code kafka_dlt-*}) and with {@code ledger-redriven-from}
 * naming where it came from. Its position is the consumer group {@code ledger-redrive}, committed after each
 * batch is acknowledged, so running it twice copies nothing twice (a crash in between may copy a batch again;
 * the consumers treat a repeat like any redelivery). Stops once it has caught up with the end of the DLT.
 *
 * <p>What a re-driven record does is its consumer's usual rule: an event whose version a read model already
 * holds changes nothing, a missing one fills its gap; a command whose id already has a result is not executed
 * again, its stored result is published again (docs/product.md §5). Written here because Kafka ships no
 * re-drive tool and spring-kafka's recoverers only write dead letters.
 */
public final class DeadLetterRedrive {

    public static final String USAGE = "redrive --topic <dead-letter topic, e.g. " + Topics.deadLetter(
            Topics.ACCOUNT_EVENTS) + ">";
    public static final String GROUP = "ledger-redrive";
    public static final String REDRIVEN_FROM = "ledger-redriven-from";
    private static final Set<String> DEAD_LETTER_HEADERS =
            Set.of(LedgerHeaders.ERROR_CODE, LedgerHeaders.ERROR_DETAIL, REDRIVEN_FROM);
    /** The prefix of what spring-kafka's dead-letter recoverer adds (original topic, offset, exception). */
    private static final String SPRING_DLT_HEADERS = "kafka_dlt-";

    private DeadLetterRedrive() {
    }

    /** {@code redrive --topic T}, as picocli reads it. */
    @CommandLine.Command(name = "redrive")
    static final class Spec {
        @CommandLine.Option(names = "--topic")
        String topic;
    }

    /** {@code redrive --topic T}: re-drives T and says how many records it copied. */
    public static String run(List<String> args, Map<String, Object> client) {
        Spec spec = new Spec();
        Cli.parse(spec, args);
        String topic = spec.topic;
        int copied = redrive(topic, client);
        return "re-drove " + copied + " records from " + topic;
    }

    /** Re-drives {@code deadLetterTopic} and returns how many records it copied. */
    public static int redrive(String deadLetterTopic, Map<String, Object> client) {
        if (deadLetterTopic == null || !deadLetterTopic.endsWith(Topics.DLT_SUFFIX)) {
            throw new IllegalArgumentException("--topic must name a dead-letter topic (ending in "
                    + Topics.DLT_SUFFIX + ")");
        }
        String source = deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DLT_SUFFIX.length());
        int copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaUsers.config(client,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaUsers.config(client,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("no topic " + deadLetterTopic);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, end)) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    producer.send(copy(record, source));
                    done.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    copied++;
                }
                producer.flush(); // acknowledged before the position moves past them
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
            }
        }
        return copied;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        Set<TopicPartition> assigned = consumer.assignment();
        return assigned.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
    }

    private static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record, String source) {
        ProducerRecord<byte[], byte[]> copy =
                new ProducerRecord<>(source, record.partition(), record.key(), record.value());
        for (Header header : record.headers()) {
            if (!DEAD_LETTER_HEADERS.contains(header.key()) && !header.key().startsWith(SPRING_DLT_HEADERS)) {
                copy.headers().add(header);
            }
        }
        copy.headers().add(REDRIVEN_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return copy;
    }
}
