package io.ledgerline.query.projection;

import java.util.Optional;

/** Events that arrived ahead of a missing version, kept until the gap closes. */
public interface ParkedEvents {

    /** Keeps the event; parking the same version twice keeps one. */
    void park(EventEnvelope event);

    Optional<EventEnvelope> find(AggregateType type, String aggregateId, long version);

    void remove(AggregateType type, String aggregateId, long version);
}
