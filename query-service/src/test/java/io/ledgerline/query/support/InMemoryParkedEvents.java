package io.ledgerline.query.support;

import io.ledgerline.query.projection.AggregateType;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.ParkedEvents;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

public final class InMemoryParkedEvents implements ParkedEvents {

    private final Map<String, EventEnvelope> parked = new TreeMap<>();

    @Override
    public void park(EventEnvelope event) {
        parked.putIfAbsent(key(event.aggregateType(), event.aggregateId(), event.version()), event);
    }

    @Override
    public Optional<EventEnvelope> find(AggregateType type, String aggregateId, long version) {
        return Optional.ofNullable(parked.get(key(type, aggregateId, version)));
    }

    @Override
    public void remove(AggregateType type, String aggregateId, long version) {
        parked.remove(key(type, aggregateId, version));
    }

    public int size() {
        return parked.size();
    }

    private static String key(AggregateType type, String id, long version) {
        return type + "/" + id + "/" + version;
    }
}
