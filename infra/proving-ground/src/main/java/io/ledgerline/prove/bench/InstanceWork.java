package io.ledgerline.prove.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds which work, and what each instance processed, from the services' metrics (each sample carries its
 * instance in {@code service_instance_id}). Work units: the tracking processors' segments
 * ({@code ledger_processor_segments_claimed}: kafka-publisher, transfer-process) and the consumer groups'
 * partitions ({@code kafka_consumer_coordinator_assigned_partitions}: ledger-commands, the command intake, and
 * ledger-query, the projections). Every change of a unit's holders is kept as a {@link Move}; {@link #takeOver}
 * says how long the other instances took to hold again everything a faulted instance held. Processed: commands
 * decided, events published, events projected, summed over each instance's lives (a restart resets its counters).
 */
public final class InstanceWork {

    static final String INSTANCE = "service_instance_id";
    private static final Pattern CONSUMER = Pattern.compile("consumer-(.+)-\\d+");

    /** A change in who holds a unit: the holders (instance → segments or partitions) before and after. */
    public record Move(long millis, String unit, Map<String, Integer> before, Map<String, Integer> after) {

        public String describe() {
            return String.format(Locale.ROOT, "%.1f s %s: %s -> %s", millis / 1000.0, unit, holders(before),
                    holders(after));
        }

        private static String holders(Map<String, Integer> holders) {
            return holders.isEmpty() ? "nobody answering" : holders.toString();
        }
    }

    /** How long the other instances took to hold what {@code instance} held when its fault began. */
    public record TakeOver(String instance, String unit, int held, long faultMillis, Long afterMillis) {

        public String describe() {
            return String.format(Locale.ROOT, "%s (%d held) at %.1f s: %s", unit, held, faultMillis / 1000.0,
                    afterMillis == null ? "not taken over before it came back"
                            : String.format(Locale.ROOT, "taken over after %.1f s", afterMillis / 1000.0));
        }
    }

    private record Sample(long millis, Map<String, Map<String, Integer>> holders) {
    }

    private static final Map<String, String> PROCESSED = Map.of(
            "ledger_commands_seconds_count", "commands decided",
            "ledger_publication_latency_seconds_count", "events published",
            "ledger_query_projection_apply_seconds_count", "events projected");

    private final LongSupplier clockMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Move> moves = new ArrayList<>();
    /** instance → what → processed over its earlier lives and the current one's last value. */
    private final Map<String, Map<String, double[]>> processed = new TreeMap<>();

    public InstanceWork(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** One round of scrapes, of every service, as {@link Prometheus} parsed them, timed now. */
    public void sample(List<Prometheus.Sample> all) {
        sample(all, clockMillis.getAsLong());
    }

    /**
     * One round of scrapes timed at {@code now}: the round's start, when the answering instances were asked (a
     * paused instance's scrape times out seconds later, and timing the round at its end would add that to every
     * take-over).
     */
    public synchronized void sample(List<Prometheus.Sample> all, long now) {
        Map<String, Map<String, Integer>> holders = new TreeMap<>();
        Map<String, Map<String, Double>> totals = new TreeMap<>(); // instance → what → sum over its tag sets
        for (Prometheus.Sample s : all) {
            String instance = s.labels().get(INSTANCE);
            if (instance == null || Double.isNaN(s.value())) {
                continue;
            }
            String unit = unitOf(s);
            if (unit != null) {
                holders.computeIfAbsent(unit, k -> new TreeMap<>()).merge(instance, (int) s.value(), Integer::sum);
            }
            String what = PROCESSED.get(s.name());
            if (what != null) {
                totals.computeIfAbsent(instance, k -> new TreeMap<>()).merge(what, s.value(), Double::sum);
            }
        }
        totals.forEach((instance, counts) -> counts.forEach((what, total) -> {
            double[] state = processed.computeIfAbsent(instance, k -> new TreeMap<>())
                    .computeIfAbsent(what, k -> new double[2]);
            if (total < state[1]) {
                state[0] += state[1]; // restarted: its earlier life's count stays
            }
            state[1] = total;
        }));
        Sample previous = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (previous != null) {
            TreeSet<String> units = new TreeSet<>(previous.holders().keySet());
            units.addAll(holders.keySet());
            for (String unit : units) {
                Map<String, Integer> before = previous.holders().getOrDefault(unit, Map.of());
                Map<String, Integer> after = holders.getOrDefault(unit, Map.of());
                if (!before.equals(after)) {
                    moves.add(new Move(now, unit, before, after));
                }
            }
        }
        samples.add(new Sample(now, holders));
    }

    /** A sample's work unit, or null: a processor's segments or a consumer group's partitions. */
    static String unitOf(Prometheus.Sample s) {
        if (s.name().equals("ledger_processor_segments_claimed")) {
            return s.labels().get("processor");
        }
        if (s.name().equals("kafka_consumer_coordinator_assigned_partitions")) {
            Matcher m = CONSUMER.matcher(s.labels().getOrDefault("client_id", ""));
            return m.matches() ? m.group(1) : null;
        }
        return null;
    }

    public synchronized List<Move> moves() {
        return List.copyOf(moves);
    }

    /** Per instance: commands decided, events published, events projected over the whole run. */
    public synchronized Map<String, Map<String, Long>> processed() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        processed.forEach((instance, counts) -> counts.forEach((what, state) ->
                out.computeIfAbsent(instance, k -> new TreeMap<>()).put(what, Math.round(state[0] + state[1]))));
        return out;
    }

    /**
     * For a fault of {@code instance} that began at {@code faultMillis} and ended at {@code endMillis}: for each
     * unit it held in the last sample before, the time from the fault to the first sample in which the other
     * instances held as much of the unit as all instances did before it (null if that never happened before the
     * fault's end, when the instance itself may have taken it back).
     */
    public synchronized List<TakeOver> takeOver(String instance, long faultMillis, long endMillis) {
        Sample before = null;
        for (Sample s : samples) {
            if (s.millis() < faultMillis) {
                before = s;
            }
        }
        List<TakeOver> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        for (Map.Entry<String, Map<String, Integer>> unit : before.holders().entrySet()) {
            int held = unit.getValue().getOrDefault(instance, 0);
            if (held == 0) {
                continue;
            }
            int total = unit.getValue().values().stream().mapToInt(Integer::intValue).sum();
            Long after = null;
            for (Sample s : samples) {
                if (s.millis() < faultMillis || s.millis() > endMillis) {
                    continue;
                }
                int others = s.holders().getOrDefault(unit.getKey(), Map.of()).entrySet().stream()
                        .filter(e -> !e.getKey().equals(instance)).mapToInt(Map.Entry::getValue).sum();
                if (others >= total) {
                    after = s.millis() - faultMillis;
                    break;
                }
            }
            out.add(new TakeOver(instance, unit.getKey(), held, faultMillis, after));
        }
        return out;
    }
}
