package io.ledgerline.query.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.contracts.codec.LedgerCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Parked events in one generation's {@code parked_events} collection, keyed by aggregate and version. */
public final class MongoParkedEvents implements ParkedEvents {

    private final MongoTemplate mongo;
    private final String collection;
    private final LedgerCodec codec;
    private final Clock clock;

    public MongoParkedEvents(MongoTemplate mongo, String collection, LedgerCodec codec, Clock clock) {
        this.mongo = mongo;
        this.collection = collection;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public List<EventEnvelope> findAll(Collection<AggregateKey> aggregates) {
        if (aggregates.isEmpty()) {
            return List.of();
        }
        Set<String> ids = aggregates.stream().map(AggregateKey::id).collect(Collectors.toSet());
        // one $in on the aggregate id (indexed), the type is checked here
        return mongo.find(query(where("aggregateId").in(ids)), ParkedEvent.class, collection).stream()
                .filter(parked -> aggregates.contains(new AggregateKey(parked.aggregateType(), parked.aggregateId())))
                .map(this::envelope)
                .toList();
    }

    @Override
    public void parkAll(Collection<EventEnvelope> events) {
        Instant now = clock.instant();
        BulkWrites.insertAll(mongo, ParkedEvent.class, collection, events.stream()
                .map(event -> new ParkedEvent(ParkedEvent.idOf(event.aggregateType(), event.aggregateId(),
                        event.version()), event.aggregateType(), event.aggregateId(), event.version(),
                        event.eventId(), event.eventType(), event.occurredAt(), event.correlationId(), event.payload(),
                        now))
                .toList());
    }

    @Override
    public void removeAll(Collection<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        List<String> ids = events.stream()
                .map(event -> ParkedEvent.idOf(event.aggregateType(), event.aggregateId(), event.version()))
                .toList();
        mongo.remove(query(where("_id").in(ids)), collection);
    }

    private EventEnvelope envelope(ParkedEvent parked) {
        // it was decoded once before it was parked, with the same codec
        return new EventEnvelope(parked.aggregateType(), parked.aggregateId(), parked.version(), parked.eventId(),
                parked.occurredAt(), parked.correlationId(), codec.decode(parked.payload()), parked.payload());
    }

    public long count() {
        return mongo.count(new Query(), collection);
    }

    /** The events parked longest, for health details. */
    public List<ParkedEvent> oldest(int limit) {
        Query oldest = new Query().with(Sort.by("parkedAt")).limit(limit);
        oldest.fields().exclude("payload");
        return mongo.find(oldest, ParkedEvent.class, collection);
    }
}
