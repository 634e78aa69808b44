package io.ledgerline.prove.workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every operation the workload invoked and every attempt at it, thread-safe. Written while the workload runs and
 * read by the checker once it has stopped.
 */
public final class OperationLog {

    /** An operation and its attempts, in the order they were made. */
    public static final class Entry {
        private final Operation operation;
        private final List<Attempt> attempts = new ArrayList<>();

        Entry(Operation operation) {
            this.operation = operation;
        }

        public Operation operation() {
            return operation;
        }

        public synchronized List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        synchronized int count() {
            return attempts.size();
        }

        synchronized void add(Attempt attempt) {
            attempts.add(attempt);
        }

        /** OK if any attempt was acknowledged; REJECTED if every attempt recorded nothing; else UNKNOWN. */
        public synchronized Outcome verdict() {
            if (attempts.stream().anyMatch(a -> a.outcome() == Outcome.OK)) {
                return Outcome.OK;
            }
            if (!attempts.isEmpty() && attempts.stream().allMatch(a -> a.outcome().recordedNothing())) {
                return Outcome.REJECTED;
            }
            return Outcome.UNKNOWN;
        }

        public synchronized String history() {
            return attempts.stream().map(Attempt::describe).toList().toString();
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Outcome, AtomicLong> attemptsByOutcome = new ConcurrentHashMap<>();

    public void record(Operation operation, Attempt attempt) {
        entries.computeIfAbsent(operation.key(), k -> new Entry(operation)).add(attempt);
        attemptsByOutcome.computeIfAbsent(attempt.outcome(), k -> new AtomicLong()).incrementAndGet();
    }

    /** How many attempts of this operation were recorded so far. */
    public int attemptsOf(Operation operation) {
        Entry entry = entries.get(operation.key());
        return entry == null ? 0 : entry.count();
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public long attempts(Outcome outcome) {
        AtomicLong count = attemptsByOutcome.get(outcome);
        return count == null ? 0 : count.get();
    }

    public long attempts() {
        return attemptsByOutcome.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public int operations() {
        return entries.size();
    }
}
