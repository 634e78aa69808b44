package io.ledgerline.query.projection;

import java.util.List;
import org.springframework.stereotype.Component;

/** Hands a batch of live events to the read models of every generation that must see them. */
@Component
public class EventDispatcher {

    private final Generations generations;
    private final ReadModels readModels;
    private final ProjectionMetrics metrics;
    private final AppliedBatches appliedBatches;

    public EventDispatcher(Generations generations, ReadModels readModels, ProjectionMetrics metrics,
                           AppliedBatches appliedBatches) {
        this.generations = generations;
        this.readModels = readModels;
        this.metrics = metrics;
        this.appliedBatches = appliedBatches;
    }

    /**
     * Applies the events to the active generation (measured) and to a generation being rebuilt; returns once
     * MongoDB acknowledged every write of both.
     */
    public List<Outcome> dispatch(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        ReadModelCollections active = generations.active();
        List<Outcome> outcomes = null;
        for (ReadModelCollections target : generations.writeTargets()) {
            if (target.equals(active)) {
                outcomes = metrics.timeApply(events, () -> readModels.of(target).apply(events));
            } else {
                // parking here is expected until the rebuild reaches these aggregates, so it is not a gap
                readModels.of(target).apply(events);
            }
        }
        appliedBatches.signal();
        return outcomes;
    }

    /** Applies the events to one generation only, as the rebuild does. */
    public List<Outcome> applyTo(ReadModelCollections target, List<EventEnvelope> events) {
        return readModels.of(target).apply(events);
    }
}
