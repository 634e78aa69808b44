package io.ledgerline.query.projection;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/** A parked event as stored: the original bytes plus what its headers said. */
public record ParkedEvent(@Id String id, AggregateType aggregateType, String aggregateId, long version,
                          String eventId, String eventType, Instant occurredAt, String correlationId, byte[] payload,
                          Instant parkedAt) {

    static String idOf(AggregateType type, String aggregateId, long version) {
        return type.label() + ":" + aggregateId + ":" + version;
    }
}
