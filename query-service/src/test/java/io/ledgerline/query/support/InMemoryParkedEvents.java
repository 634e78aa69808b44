package io.ledgerline.query.support;

import io.ledgerline.query.projection.AggregateKey;
import io.ledgerline.query.projection.EventEnvelope;
import io.ledgerline.query.projection.ParkedEvents;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class InMemoryParkedEvents implements ParkedEvents {

    private final Map<String, EventEnvelope> parked = new TreeMap<>();

    @Override
    public List<EventEnvelope> findAll(Collection<AggregateKey> aggregates) {
        return parked.values().stream().filter(event -> aggregates.contains(AggregateKey.of(event))).toList();
    }

    @Override
    public void parkAll(Collection<EventEnvelope> events) {
        events.forEach(event -> parked.putIfAbsent(key(event), event));
    }

    @Override
    public void removeAll(Collection<EventEnvelope> events) {
        events.forEach(event -> parked.remove(key(event)));
    }

    public int size() {
        return parked.size();
    }

    public List<Long> versions(AggregateKey aggregate) {
        return findAll(List.of(aggregate)).stream().map(EventEnvelope::version).sorted().toList();
    }

    private static String key(EventEnvelope event) {
        return event.aggregateType() + "/" + event.aggregateId() + "/" + event.version();
    }
}
