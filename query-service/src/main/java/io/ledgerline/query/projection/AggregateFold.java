package io.ledgerline.query.projection;

import java.util.List;

/**
 * What one round of a batch does to one aggregate, worked out in memory by {@link BatchFold}.
 *
 * @param before         the document as read (null: the aggregate has no document yet)
 * @param beforeVersion  its version (0 when there is none): the version guard of the write
 * @param after          the document after {@code applied} (same as {@code before} when nothing applied)
 * @param applied        the events applied, in version order, each the successor of the one before
 * @param toPark         events past a gap that are not parked yet
 * @param parkedToRemove parked events that are now applied or were already applied
 * @param outcomes       one outcome per arrived event, in the order they arrived
 */
public record AggregateFold<S>(AggregateKey key, S before, long beforeVersion, S after, List<EventEnvelope> applied,
                               List<EventEnvelope> toPark, List<EventEnvelope> parkedToRemove,
                               List<Outcome> outcomes) {

    public long afterVersion() {
        return applied.isEmpty() ? beforeVersion : applied.get(applied.size() - 1).version();
    }

    /** Whether the document must be written (guarded by {@link #beforeVersion}). */
    public boolean advances() {
        return !applied.isEmpty();
    }
}
