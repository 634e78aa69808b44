package io.ledgerline.query.support;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.codec.LedgerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka records exactly as the command-service publishes them: bare-id key, codec value, ledger headers. */
public final class EventRecords {

    private EventRecords() {
    }

    public static ProducerRecord<byte[], byte[]> record(String topic, String aggregateId, long version,
            SpecificRecord event, Instant occurredAt) {
        return record(topic, null, aggregateId, version, event.getSchema().getFullName(),
                LedgerCodec.contracts().encode(event), occurredAt);
    }

    /** Any value under any headers, for messages that must be refused. */
    public static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, String aggregateId,
            Long version, String eventType, byte[] value, Instant occurredAt) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition,
                aggregateId.getBytes(StandardCharsets.UTF_8), value);
        header(record, LedgerHeaders.EVENT_ID, UUID.randomUUID().toString());
        header(record, LedgerHeaders.EVENT_TYPE, eventType);
        header(record, LedgerHeaders.AGGREGATE_ID, aggregateId);
        if (version != null) {
            header(record, LedgerHeaders.AGGREGATE_VERSION, Long.toString(version));
        }
        header(record, LedgerHeaders.OCCURRED_AT, occurredAt.toString());
        header(record, LedgerHeaders.CORRELATION_ID, "it-" + aggregateId);
        header(record, LedgerHeaders.CAUSATION_ID, UUID.randomUUID().toString());
        return record;
    }

    public static ProducerRecord<byte[], byte[]> onPartition(ProducerRecord<byte[], byte[]> record, int partition) {
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
