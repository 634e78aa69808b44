package io.ledgerline.query.projection;

import java.util.Optional;

/**
 * Applies an aggregate's events to its read model exactly in version order, whatever order and however often
 * they arrive. With the document at version {@code d}, an event of version {@code v} is a duplicate when
 * {@code v <= d}, is applied when {@code v == d + 1}, and is parked when {@code v > d + 1}: never applied
 * early, never skipped. Applying an event drains the parked ones that now follow.
 *
 * <p>Stores write with a version guard (the document must still be at {@code d}), so two writers racing on the
 * same aggregate (a rebalance, or a rebuild next to the live consumer) cannot both apply one version.
 *
 * @param <S> the read-model document of one aggregate
 */
public abstract class GapAwareProjection<S> {

    /** Lost races before giving up; each lost race means another writer advanced the document. */
    private static final int MAX_ATTEMPTS = 20;

    private final AggregateType type;
    private final ParkedEvents parked;

    protected GapAwareProjection(AggregateType type, ParkedEvents parked) {
        this.type = type;
        this.parked = parked;
    }

    protected abstract Optional<S> load(String aggregateId);

    protected abstract long versionOf(S document);

    /**
     * Writes the event that directly follows {@code current} (empty: the stream's first event).
     *
     * @return false when another writer changed the document first
     */
    protected abstract boolean applyNext(Optional<S> current, EventEnvelope event);

    public AggregateType type() {
        return type;
    }

    public Outcome handle(EventEnvelope event) {
        if (event.aggregateType() != type) {
            throw new IllegalArgumentException(event + " is not a " + type.label() + " event");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<S> current = load(event.aggregateId());
            long version = current.map(this::versionOf).orElse(0L);
            if (event.version() <= version) {
                return Outcome.DUPLICATE;
            }
            if (event.version() > version + 1) {
                parked.park(event);
                // the missing event may have been applied by another writer between our read and the park
                drain(event.aggregateId());
                return Outcome.PARKED;
            }
            if (applyNext(current, event)) {
                drain(event.aggregateId());
                return Outcome.APPLIED;
            }
        }
        throw new IllegalStateException("gave up applying " + event + " after " + MAX_ATTEMPTS + " lost races");
    }

    private void drain(String aggregateId) {
        int lostRaces = 0;
        while (true) {
            Optional<S> current = load(aggregateId);
            long next = current.map(this::versionOf).orElse(0L) + 1;
            Optional<EventEnvelope> waiting = parked.find(type, aggregateId, next);
            if (waiting.isEmpty()) {
                return;
            }
            if (applyNext(current, waiting.get()) || load(aggregateId).map(this::versionOf).orElse(0L) >= next) {
                parked.remove(type, aggregateId, next);
                lostRaces = 0;
            } else if (++lostRaces >= MAX_ATTEMPTS) {
                throw new IllegalStateException("cannot drain " + waiting.get());
            }
        }
    }
}
