package io.ledgerline.query.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.ledgerline.contracts.codec.LedgerCodec;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
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
    public void park(EventEnvelope event) {
        ParkedEvent parked = new ParkedEvent(ParkedEvent.idOf(event.aggregateType(), event.aggregateId(),
                event.version()), event.aggregateType(), event.aggregateId(), event.version(), event.eventId(),
                event.eventType(), event.occurredAt(), event.correlationId(), event.payload(), clock.instant());
        try {
            mongo.insert(parked, collection);
        } catch (DuplicateKeyException alreadyParked) {
            // a redelivery of an event that is already waiting
        }
    }

    @Override
    public Optional<EventEnvelope> find(AggregateType type, String aggregateId, long version) {
        ParkedEvent parked = mongo.findById(ParkedEvent.idOf(type, aggregateId, version), ParkedEvent.class,
                collection);
        if (parked == null) {
            return Optional.empty();
        }
        // it was decoded once before it was parked, with the same codec
        return Optional.of(new EventEnvelope(parked.aggregateType(), parked.aggregateId(), parked.version(),
                parked.eventId(), parked.occurredAt(), parked.correlationId(), codec.decode(parked.payload()),
                parked.payload()));
    }

    @Override
    public void remove(AggregateType type, String aggregateId, long version) {
        mongo.remove(query(where("_id").is(ParkedEvent.idOf(type, aggregateId, version))), collection);
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
