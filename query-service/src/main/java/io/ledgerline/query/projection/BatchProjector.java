package io.ledgerline.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a whole batch of events to one generation's read models with a few bulk commands instead of several
 * round trips per event. A round reads every touched document once (one {@code $in} read per stream), folds each
 * aggregate's events in memory ({@link BatchFold}, on the streams' pure {@link Evolution}s), then writes once per
 * collection: new parked events, the documents (with their statement lines first), parked events now applied.
 *
 * <p>What it guarantees, whatever order and however often events arrive, and with other writers (a rebalance, a
 * rebuild next to the live consumer) working on the same documents:
 * <ul>
 *   <li><b>Version order, exactly once.</b> A document moves from version {@code d} only to {@code d + 1},
 *       {@code d + 2}, ... and only by a write guarded on {@code d}. A guard that fails means another writer got
 *       there first: that aggregate is read again and redone in the next round (its events then count as
 *       duplicates where the other writer applied them). Nothing is dropped.</li>
 *   <li><b>Duplicates</b> ({@code v <= d}, or a second copy in one batch) change nothing.</li>
 *   <li><b>Gaps park, never skip.</b> Events past a missing version are parked and applied, with any parked
 *       successors, as soon as the missing one is applied, in this batch or any later one. After writing, a round
 *       reads the parked events of its aggregates again, and an aggregate that parked something reads its
 *       document again: of two writers, one parking {@code v + 1} while the other applies {@code v}, at least one
 *       sees the other's write and drains.</li>
 *   <li><b>Durable before acknowledged.</b> {@link #apply} returns only after MongoDB acknowledged every write;
 *       an exception means the batch must be delivered again (every write is idempotent or guarded).</li>
 * </ul>
 */
public final class BatchProjector {

    /** Rounds before giving up: each extra round means a lost race or parked events that became applicable. */
    private static final int MAX_ROUNDS = 20;

    private final Map<AggregateType, StreamProjection<?>> streams = new EnumMap<>(AggregateType.class);
    private final ParkedEvents parked;

    public BatchProjector(ParkedEvents parked, StreamProjection<?>... streams) {
        this.parked = parked;
        for (StreamProjection<?> stream : streams) {
            this.streams.put(stream.type(), stream);
        }
        if (this.streams.size() != AggregateType.values().length) {
            throw new IllegalArgumentException("one projection per stream is needed, got " + this.streams.keySet());
        }
    }

    /**
     * @return the outcome of each event, in the order of {@code events}
     */
    public List<Outcome> apply(List<EventEnvelope> events) {
        Map<AggregateKey, List<EventEnvelope>> arrived = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            arrived.computeIfAbsent(AggregateKey.of(event), key -> new ArrayList<>()).add(event);
        }
        Map<AggregateKey, List<Outcome>> outcomes = new HashMap<>();
        Map<AggregateKey, List<EventEnvelope>> pending = arrived;
        Map<AggregateKey, List<EventEnvelope>> parkedFor = Map.of();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("gave up on " + pending.keySet() + " after " + MAX_ROUNDS
                        + " rounds of lost races");
            }
            Map<AggregateKey, List<EventEnvelope>> thisRound = pending;
            Round result = round(thisRound, parkedFor);
            result.folds.forEach((key, fold) -> {
                if (!result.lost.contains(key) && !thisRound.get(key).isEmpty()) {
                    outcomes.put(key, fold.outcomes());
                }
            });
            pending = result.next;
            parkedFor = result.parkedFor;
        }
        return inOrder(events, arrived, outcomes);
    }

    private record Round(Map<AggregateKey, AggregateFold<?>> folds, Set<AggregateKey> lost,
                         Map<AggregateKey, List<EventEnvelope>> next,
                         Map<AggregateKey, List<EventEnvelope>> parkedFor) {
    }

    private Round round(Map<AggregateKey, List<EventEnvelope>> pending,
            Map<AggregateKey, List<EventEnvelope>> parkedFor) {
        Map<AggregateKey, AggregateFold<?>> folds = new LinkedHashMap<>();
        Map<AggregateType, List<AggregateFold<?>>> byType = new EnumMap<>(AggregateType.class);
        for (Map.Entry<AggregateType, List<AggregateKey>> group : byType(pending.keySet()).entrySet()) {
            for (AggregateFold<?> fold : fold(streams.get(group.getKey()), group.getValue(), pending, parkedFor)) {
                folds.put(fold.key(), fold);
                byType.computeIfAbsent(group.getKey(), type -> new ArrayList<>()).add(fold);
            }
        }

        parked.parkAll(folds.values().stream().flatMap(fold -> fold.toPark().stream()).toList());
        Set<AggregateKey> lost = new HashSet<>();
        byType.forEach((type, typeFolds) -> lost.addAll(write(streams.get(type), typeFolds)));
        parked.removeAll(folds.values().stream().filter(fold -> !lost.contains(fold.key()))
                .flatMap(fold -> fold.parkedToRemove().stream()).toList());

        // Look again, after writing, at what a concurrent writer may have done in between (see class comment).
        Map<AggregateKey, List<EventEnvelope>> nowParked = new HashMap<>();
        for (EventEnvelope event : parked.findAll(pending.keySet())) {
            nowParked.computeIfAbsent(AggregateKey.of(event), key -> new ArrayList<>()).add(event);
        }
        Map<AggregateKey, Long> reached = new HashMap<>();
        folds.forEach((key, fold) -> reached.put(key, fold.afterVersion()));
        reached.putAll(versions(folds.values().stream()
                .filter(fold -> !lost.contains(fold.key()) && !fold.toPark().isEmpty())
                .map(AggregateFold::key).toList()));

        Map<AggregateKey, List<EventEnvelope>> next = new LinkedHashMap<>();
        for (AggregateKey key : folds.keySet()) {
            List<EventEnvelope> waiting = nowParked.getOrDefault(key, List.of());
            if (lost.contains(key)) {
                next.put(key, pending.get(key));
            } else if (waiting.stream().anyMatch(event -> event.version() <= reached.get(key) + 1)) {
                next.put(key, List.of());
            }
        }
        Map<AggregateKey, List<EventEnvelope>> nextParked = new HashMap<>();
        next.keySet().forEach(key -> nextParked.put(key, nowParked.getOrDefault(key, List.of())));
        return new Round(folds, lost, next, nextParked);
    }

    private static <S> List<AggregateFold<S>> fold(StreamProjection<S> stream, List<AggregateKey> keys,
            Map<AggregateKey, List<EventEnvelope>> pending, Map<AggregateKey, List<EventEnvelope>> parkedFor) {
        Map<String, S> documents = stream.store().findAll(keys.stream().map(AggregateKey::id).toList());
        return keys.stream().map(key -> BatchFold.fold(key, documents.get(key.id()), stream.evolution(),
                pending.get(key), parkedFor.getOrDefault(key, List.of()))).toList();
    }

    @SuppressWarnings("unchecked")
    private static <S> Set<AggregateKey> write(StreamProjection<S> stream, List<AggregateFold<?>> folds) {
        List<AggregateFold<S>> advancing = new ArrayList<>();
        for (AggregateFold<?> fold : folds) {
            if (fold.advances()) {
                advancing.add((AggregateFold<S>) fold);
            }
        }
        if (advancing.isEmpty()) {
            return Set.of();
        }
        Set<AggregateKey> lost = new HashSet<>();
        stream.store().writeAll(advancing).forEach(id -> lost.add(new AggregateKey(stream.type(), id)));
        return lost;
    }

    /** The stored versions of these aggregates (0 where there is no document). */
    private Map<AggregateKey, Long> versions(Collection<AggregateKey> keys) {
        Map<AggregateKey, Long> versions = new HashMap<>();
        byType(keys).forEach((type, typeKeys) -> versions.putAll(versions(streams.get(type), typeKeys)));
        return versions;
    }

    private static <S> Map<AggregateKey, Long> versions(StreamProjection<S> stream, List<AggregateKey> keys) {
        Map<String, S> documents = stream.store().findAll(keys.stream().map(AggregateKey::id).toList());
        Map<AggregateKey, Long> versions = new HashMap<>();
        for (AggregateKey key : keys) {
            S document = documents.get(key.id());
            versions.put(key, document == null ? 0L : stream.evolution().versionOf(document));
        }
        return versions;
    }

    private static Map<AggregateType, List<AggregateKey>> byType(Collection<AggregateKey> keys) {
        Map<AggregateType, List<AggregateKey>> byType = new EnumMap<>(AggregateType.class);
        keys.forEach(key -> byType.computeIfAbsent(key.type(), type -> new ArrayList<>()).add(key));
        return byType;
    }

    private static List<Outcome> inOrder(List<EventEnvelope> events, Map<AggregateKey, List<EventEnvelope>> arrived,
            Map<AggregateKey, List<Outcome>> outcomes) {
        Map<AggregateKey, Integer> next = new HashMap<>();
        List<Outcome> inOrder = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            AggregateKey key = AggregateKey.of(event);
            int index = next.merge(key, 1, Integer::sum) - 1;
            inOrder.add(outcomes.get(key).get(index));
        }
        return inOrder;
    }
}
