package io.ledgerline.command.batch;

import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;

/**
 * Axon's caching event-sourcing repository that uses a cached aggregate only when it is current: its version
 * must equal the last sequence number the event store holds for it ({@link StoredSequences}, read ahead for a
 * whole batch). Otherwise another instance appended meanwhile, so the entry is dropped and the aggregate is
 * loaded from the store (snapshot and events). A command is thus never decided, and above all never refused, on
 * a stale copy; appends stay guarded by the event table's unique (aggregate, sequence) key as before.
 */
public class CurrentStateRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final StoredSequences storedSequences;

    public CurrentStateRepository(EventSourcingRepository.Builder<T> builder, Cache cache,
                                  StoredSequences storedSequences) {
        super(builder.cache(cache));
        this.cache = cache;
        this.storedSequences = storedSequences;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (!cache.containsKey(aggregateIdentifier)) {
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        EventSourcedAggregate<T> cached = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (Objects.equals(cached.version(), storedSequences.lastSequenceOf(aggregateIdentifier))) {
            return cached;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
