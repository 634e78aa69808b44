package io.ledgerline.local.tools;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.testkit.cli.Cli;
import io.ledgerline.testkit.kafka.KafkaUsers;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;

/**
 * Prints the events of a topic from offset 0, decoded with nothing but the contracts codec: what a downstream
 * consumer sees. {@code events [--topic T] [--key ID]}; stops once the topic has been quiet for two seconds.
 */
public final class EventTail {

    public static final String USAGE = "events [--topic " + Topics.ACCOUNT_EVENTS + "] [--key ID]";

    private EventTail() {
    }

    /** {@code events [--topic T] [--key ID]}, as picocli reads it. */
    @CommandLine.Command(name = "events")
    static final class Spec {
        @CommandLine.Option(names = "--topic")
        String topic = Topics.ACCOUNT_EVENTS;
        @CommandLine.Option(names = "--key")
        String key;
    }

    public static int print(List<String> args, Map<String, Object> client, PrintStream out) {
        Spec spec = new Spec();
        Cli.parse(spec, args);
        String topic = spec.topic;
        String key = spec.key;
        LedgerCodec codec = LedgerCodec.contracts();
        int printed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaUsers.config(client,
                ConsumerConfig.GROUP_ID_CONFIG, "events-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant quietSince = Instant.now();
            while (Duration.between(quietSince, Instant.now()).toMillis() < 2000 || consumer.assignment().isEmpty()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    quietSince = Instant.now();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (key == null || key.equals(record.key())) {
                        out.printf("%s v%s %s %s%n", record.key(), header(record, LedgerHeaders.AGGREGATE_VERSION),
                                header(record, LedgerHeaders.OCCURRED_AT), render(codec, record.value()));
                        printed++;
                    }
                }
                if (Duration.between(quietSince, Instant.now()).toSeconds() > 30) {
                    break;
                }
            }
        }
        return printed;
    }

    private static String render(LedgerCodec codec, byte[] value) {
        try {
            var record = codec.decode(value);
            return record.getSchema().getName() + " " + record;
        } catch (RuntimeException undecodable) {
            return "<undecodable: " + undecodable.getMessage() + ">";
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
