package io.ledgerline.query.projection;

import java.util.Collection;
import java.util.List;

/** Events that arrived ahead of a missing version, kept until the gap closes; read and written in bulk. */
public interface ParkedEvents {

    /** Every event parked for one of these aggregates (one read). */
    List<EventEnvelope> findAll(Collection<AggregateKey> aggregates);

    /** Keeps the events; parking the same version again keeps one. */
    void parkAll(Collection<EventEnvelope> events);

    /** Forgets the events (by aggregate and version); forgetting one that is not there changes nothing. */
    void removeAll(Collection<EventEnvelope> events);
}
