package io.ledgerline.query.projection;

import org.springframework.stereotype.Component;

/** Hands a live event to the projections of every generation that must see it. */
@Component
public class EventDispatcher {

    private final Generations generations;
    private final ReadModels readModels;
    private final ProjectionMetrics metrics;

    public EventDispatcher(Generations generations, ReadModels readModels, ProjectionMetrics metrics) {
        this.generations = generations;
        this.readModels = readModels;
        this.metrics = metrics;
    }

    /** Applies the event to the active generation (measured) and to a generation being rebuilt. */
    public Outcome dispatch(EventEnvelope event) {
        ReadModelCollections active = generations.active();
        Outcome outcome = null;
        for (ReadModelCollections target : generations.writeTargets()) {
            if (target.equals(active)) {
                outcome = metrics.timeApply(event, () -> readModels.of(target).apply(event));
            } else {
                // parking here is expected until the rebuild reaches this aggregate, so it is not a gap
                readModels.of(target).apply(event);
            }
        }
        return outcome;
    }

    /** Applies the event to one generation only, as the rebuild does. */
    public Outcome applyTo(ReadModelCollections target, EventEnvelope event) {
        return readModels.of(target).apply(event);
    }
}
