package io.ledgerline.query.kafka;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.contracts.codec.UnknownSchemaException;
import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns an event-topic record into an {@link EventEnvelope}: headers first (aggregate id, version, event id,
 * occurred-at, type), then the Avro value, then checks that the two agree, so a record that cannot be trusted
 * never reaches a projection.
 *
 * @throws InvalidEventException     missing, invalid or contradictory headers (dead-letter)
 * @throws MalformedMessageException value that can never be decoded (dead-letter)
 * @throws UnknownSchemaException    well-formed value with a writer schema not known yet (retry)
 */
public final class EventRecordDecoder {

    private final LedgerCodec codec;

    public EventRecordDecoder(LedgerCodec codec) {
        this.codec = codec;
    }

    public EventEnvelope decode(ConsumerRecord<byte[], byte[]> record) {
        AggregateType type = AggregateType.ofTopic(record.topic()).orElseThrow(() -> new InvalidEventException(
                InvalidEventException.INVALID_EVENT, "not an event topic: " + record.topic()));
        String aggregateId = required(record, LedgerHeaders.AGGREGATE_ID);
        if (!LedgerLimits.isValidId(aggregateId)) {
            throw invalidHeader(LedgerHeaders.AGGREGATE_ID, "is not a valid id");
        }
        long version = version(record);
        String eventId = required(record, LedgerHeaders.EVENT_ID);
        try {
            UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw invalidHeader(LedgerHeaders.EVENT_ID, "is not a UUID");
        }
        Instant occurredAt = occurredAt(record);
        String eventType = required(record, LedgerHeaders.EVENT_TYPE);
        String correlationId = header(record, LedgerHeaders.CORRELATION_ID);

        SpecificRecord event = codec.decode(record.value());

        String actualType = event.getSchema().getFullName();
        if (!actualType.equals(eventType)) {
            throw invalidEvent(LedgerHeaders.EVENT_TYPE + " says " + eventType + " but the value is " + actualType);
        }
        if (!type.owns(event)) {
            throw invalidEvent(actualType + " does not belong on " + record.topic());
        }
        if (!aggregateId.equals(type.aggregateIdOf(event))) {
            throw invalidEvent(LedgerHeaders.AGGREGATE_ID + " does not match the id in the event");
        }
        if (type.isFirstEvent(event) != (version == 1)) {
            throw invalidEvent(event.getSchema().getName() + " cannot be version " + version);
        }
        return new EventEnvelope(type, aggregateId, version, eventId, occurredAt,
                LedgerLimits.isValidId(correlationId) ? correlationId : null, event, record.value());
    }

    private static long version(ConsumerRecord<byte[], byte[]> record) {
        String value = required(record, LedgerHeaders.AGGREGATE_VERSION);
        try {
            long version = Long.parseLong(value);
            if (version < 1) {
                throw invalidHeader(LedgerHeaders.AGGREGATE_VERSION, "must be at least 1");
            }
            return version;
        } catch (NumberFormatException e) {
            throw invalidHeader(LedgerHeaders.AGGREGATE_VERSION, "is not a number");
        }
    }

    private static Instant occurredAt(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Instant.parse(required(record, LedgerHeaders.OCCURRED_AT));
        } catch (DateTimeParseException e) {
            throw invalidHeader(LedgerHeaders.OCCURRED_AT, "is not an ISO-8601 UTC instant");
        }
    }

    private static String required(ConsumerRecord<byte[], byte[]> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw invalidHeader(name, "is missing");
        }
        return value;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static InvalidEventException invalidHeader(String name, String problem) {
        return new InvalidEventException(InvalidEventException.INVALID_HEADERS, "header " + name + " " + problem);
    }

    private static InvalidEventException invalidEvent(String detail) {
        return new InvalidEventException(InvalidEventException.INVALID_EVENT, detail);
    }
}
