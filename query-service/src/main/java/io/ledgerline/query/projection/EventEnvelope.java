package io.ledgerline.query.projection;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One decoded event with what its Kafka headers say about it. The original bytes travel along so a parked
 * event can be stored exactly as it arrived and decoded again when its turn comes.
 */
public record EventEnvelope(AggregateType aggregateType, String aggregateId, long version, String eventId,
                            Instant occurredAt, String correlationId, SpecificRecord event, byte[] payload) {

    public String eventType() {
        return event.getSchema().getFullName();
    }

    @Override
    public String toString() {
        return aggregateType.label() + " " + aggregateId + " v" + version + " " + event.getSchema().getName();
    }
}
