package io.ledgerline.query.projection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds the events a batch holds for one aggregate, together with the ones parked for it earlier, onto its
 * document, in memory and without I/O. With the document at version {@code d} (0 before the first event), an
 * event of version {@code v} is a duplicate when {@code v <= d}; the events {@code d + 1, d + 2, ...} are applied
 * while each one's predecessor is there; everything past the first missing version is parked, never applied
 * early and never skipped.
 */
public final class BatchFold {

    private BatchFold() {
    }

    /**
     * @param current the document as stored, null when there is none
     * @param arrived the batch's events of this aggregate, in arrival order (copies allowed)
     * @param parked  the events parked for this aggregate
     */
    public static <S> AggregateFold<S> fold(AggregateKey key, S current, Evolution<S> evolution,
            List<EventEnvelope> arrived, List<EventEnvelope> parked) {
        long stored = current == null ? 0 : evolution.versionOf(current);
        Map<Long, EventEnvelope> candidates = new TreeMap<>();
        Set<Long> alreadyParked = new HashSet<>();
        for (EventEnvelope event : parked) {
            requireKey(key, event);
            candidates.putIfAbsent(event.version(), event);
            alreadyParked.add(event.version());
        }
        for (EventEnvelope event : arrived) {
            requireKey(key, event);
            candidates.putIfAbsent(event.version(), event);
        }

        S state = current;
        long version = stored;
        List<EventEnvelope> applied = new ArrayList<>();
        for (EventEnvelope event : candidates.values()) {
            if (event.version() <= stored) {
                continue;
            }
            if (event.version() != version + 1) {
                break;
            }
            state = version == 0 ? evolution.start(event) : evolution.evolve(state, event);
            version = event.version();
            applied.add(event);
        }

        List<EventEnvelope> toPark = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(arrived.size());
        Set<Long> seen = new HashSet<>();
        for (EventEnvelope event : arrived) {
            boolean first = seen.add(event.version());
            if (event.version() <= stored) {
                outcomes.add(Outcome.DUPLICATE);
            } else if (event.version() <= version) {
                outcomes.add(first ? Outcome.APPLIED : Outcome.DUPLICATE);
            } else {
                outcomes.add(Outcome.PARKED);
                if (first && !alreadyParked.contains(event.version())) {
                    toPark.add(event);
                }
            }
        }
        final long reached = version;
        List<EventEnvelope> parkedToRemove = parked.stream().filter(event -> event.version() <= reached).toList();
        return new AggregateFold<>(key, current, stored, state, List.copyOf(applied), List.copyOf(toPark),
                parkedToRemove, List.copyOf(outcomes));
    }

    private static void requireKey(AggregateKey key, EventEnvelope event) {
        if (!key.equals(AggregateKey.of(event))) {
            throw new IllegalArgumentException(event + " does not belong to " + key);
        }
    }
}
