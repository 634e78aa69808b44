package io.ledgerline.query.projection;

import java.util.List;

/** The read models of one generation of collections, written a batch at a time. */
public record ReadModel(ReadModelCollections collections, BatchProjector projector, MongoParkedEvents parked) {

    /** @return the outcome of each event, in order */
    public List<Outcome> apply(List<EventEnvelope> events) {
        return events.isEmpty() ? List.of() : projector.apply(events);
    }
}
