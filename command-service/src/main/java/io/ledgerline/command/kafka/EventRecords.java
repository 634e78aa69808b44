package io.ledgerline.command.kafka;

import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.command.ledger.MetaDataKeys;
import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A stored event as a Kafka record: the topic of its aggregate type, the bare aggregate id as key, the Avro record
 * in single-object encoding as value, and the contract's headers.
 */
final class EventRecords {

    private EventRecords() {
    }

    static ProducerRecord<String, byte[]> toRecord(DomainEventMessage<?> event, LedgerCodec codec) {
        String storedId = event.getAggregateIdentifier();
        String topic = AggregateIds.isAccount(storedId) ? Topics.ACCOUNT_EVENTS : Topics.TRANSFER_EVENTS;
        String aggregateId = AggregateIds.bare(storedId);
        SpecificRecord payload = (SpecificRecord) event.getPayload();
        RecordHeaders headers = new RecordHeaders();
        add(headers, LedgerHeaders.EVENT_ID, event.getIdentifier());
        add(headers, LedgerHeaders.EVENT_TYPE, payload.getSchema().getFullName());
        add(headers, LedgerHeaders.AGGREGATE_ID, aggregateId);
        add(headers, LedgerHeaders.AGGREGATE_VERSION, Long.toString(event.getSequenceNumber() + 1));
        add(headers, LedgerHeaders.OCCURRED_AT, event.getTimestamp().toString());
        add(headers, LedgerHeaders.CORRELATION_ID, event.getMetaData().get(MetaDataKeys.CORRELATION_ID));
        add(headers, LedgerHeaders.CAUSATION_ID, event.getMetaData().get(MetaDataKeys.CAUSATION_ID));
        add(headers, LedgerHeaders.TRACEPARENT, event.getMetaData().get(LedgerHeaders.TRACEPARENT));
        add(headers, LedgerHeaders.PRINCIPAL, event.getMetaData().get(MetaDataKeys.PRINCIPAL));
        add(headers, LedgerHeaders.PRINCIPAL_ROLES, event.getMetaData().get(MetaDataKeys.PRINCIPAL_ROLES));
        add(headers, LedgerHeaders.CHANNEL, event.getMetaData().get(MetaDataKeys.CHANNEL));
        return new ProducerRecord<>(topic, null, event.getTimestamp().toEpochMilli(), aggregateId,
                codec.encode(payload), headers);
    }

    private static void add(RecordHeaders headers, String name, Object value) {
        if (value != null) {
            headers.add(name, value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
