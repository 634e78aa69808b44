package io.ledgerline.prove.report;

import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.Outcome;
import io.ledgerline.prove.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Everything measured over time, in one-second buckets from the start of the run: attempts by outcome, command
 * latency, visibility lag, sampled gauges (publication lag, consumer lag), phases and faults. Latencies are kept
 * in microseconds in HdrHistograms; the whole-run histograms count only the measured (workload) phase.
 */
public final class Timeline implements Workload.Listener {

    /** Longest latency a histogram tracks: anything slower is clamped (the request timeouts are far below). */
    private static final long MAX_MICROS = 600_000_000L;

    public static final class Second {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong unknown = new AtomicLong();
        final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 2);
        final Histogram visibility = new ConcurrentHistogram(MAX_MICROS, 2);
    }

    public record Mark(String label, long startMillis, long endMillis, String detail) {
    }

    private final long startNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();
    private final Map<Integer, Second> seconds = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Integer, Double>> gauges = new ConcurrentHashMap<>();
    private final List<Mark> faults = new ArrayList<>();
    private final List<Mark> phases = new ArrayList<>();
    private final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Histogram ackToVisible = new ConcurrentHistogram(MAX_MICROS, 3);
    private final Histogram commitToVisible = new ConcurrentHistogram(MAX_MICROS, 3);
    private final AtomicLong measuredOk = new AtomicLong();
    private final AtomicLong measuredRejected = new AtomicLong();
    private volatile boolean measuring;
    private volatile long measureStartNanos;
    private volatile long measureEndNanos;

    @Override
    public void attempted(Operation operation, Attempt attempt) {
        Second second = second(attempt.endNanos());
        long micros = Math.min(MAX_MICROS, Math.max(1, attempt.latencyNanos() / 1000));
        switch (attempt.outcome()) {
            case OK -> second.ok.incrementAndGet();
            case REJECTED -> second.rejected.incrementAndGet();
            default -> second.unknown.incrementAndGet();
        }
        boolean answered = attempt.outcome() == Outcome.OK || attempt.outcome() == Outcome.REJECTED;
        if (answered) {
            second.latency.recordValue(micros);
        }
        if (measuring) {
            if (answered) {
                latency.recordValue(micros);
            }
            if (attempt.outcome() == Outcome.OK) {
                measuredOk.incrementAndGet();
            } else if (attempt.outcome() == Outcome.REJECTED) {
                measuredRejected.incrementAndGet();
            }
        }
    }

    /** From acknowledgement to the read model showing it; and from the event's commit (its timestamp). */
    public void visible(long ackNanos, long visibleNanos, long commitToVisibleMillis) {
        long micros = Math.min(MAX_MICROS, Math.max(1, (visibleNanos - ackNanos) / 1000));
        second(visibleNanos).visibility.recordValue(micros);
        if (measuring) {
            ackToVisible.recordValue(micros);
            if (commitToVisibleMillis >= 0) {
                commitToVisible.recordValue(Math.min(MAX_MICROS, Math.max(1, commitToVisibleMillis * 1000)));
            }
        }
    }

    public void gauge(String name, double value) {
        gauges.computeIfAbsent(name, k -> new ConcurrentSkipListMap<>()).put(secondOf(System.nanoTime()), value);
    }

    public synchronized void fault(String label, long startNanos, long endNanos, String detail) {
        faults.add(new Mark(label, millis(startNanos), millis(endNanos), detail));
    }

    public synchronized void phase(String label, long startNanos, long endNanos) {
        phases.add(new Mark(label, millis(startNanos), millis(endNanos), null));
    }

    public void startMeasuring() {
        measureStartNanos = System.nanoTime();
        measuring = true;
    }

    public void stopMeasuring() {
        measuring = false;
        measureEndNanos = System.nanoTime();
    }

    public double measuredSeconds() {
        long end = measuring ? System.nanoTime() : measureEndNanos;
        return Math.max(1e-9, (end - measureStartNanos) / 1e9);
    }

    public long measuredOk() {
        return measuredOk.get();
    }

    public long measuredRejected() {
        return measuredRejected.get();
    }

    public Histogram latency() {
        return latency;
    }

    public Histogram ackToVisible() {
        return ackToVisible;
    }

    public Histogram commitToVisible() {
        return commitToVisible;
    }

    public long startEpochMillis() {
        return startEpochMillis;
    }

    public synchronized List<Mark> faults() {
        return List.copyOf(faults);
    }

    public synchronized List<Mark> phases() {
        return List.copyOf(phases);
    }

    public Map<String, NavigableMap<Integer, Double>> gauges() {
        return gauges;
    }

    /** Answered attempts per second and latency percentiles of one second, for the progress line and chart. */
    public record SecondView(int second, long ok, long rejected, long unknown, double p50Millis, double p99Millis,
                             double visibilityP99Millis) {
    }

    public List<SecondView> seconds() {
        int last = seconds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        List<SecondView> views = new ArrayList<>();
        for (int s = 0; s <= last; s++) {
            Second second = seconds.get(s);
            if (second == null) {
                views.add(new SecondView(s, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            views.add(new SecondView(s, second.ok.get(), second.rejected.get(), second.unknown.get(),
                    percentileMillis(second.latency, 50), percentileMillis(second.latency, 99),
                    percentileMillis(second.visibility, 99)));
        }
        return views;
    }

    /** The last complete seconds, for the progress line. */
    public SecondView recent(int window) {
        int now = secondOf(System.nanoTime()) - 1;
        long ok = 0;
        long rejected = 0;
        long unknown = 0;
        Histogram merged = new Histogram(MAX_MICROS, 2);
        for (int s = Math.max(0, now - window + 1); s <= now; s++) {
            Second second = seconds.get(s);
            if (second != null) {
                ok += second.ok.get();
                rejected += second.rejected.get();
                unknown += second.unknown.get();
                merged.add(second.latency);
            }
        }
        return new SecondView(now, ok, rejected, unknown, percentileMillis(merged, 50), percentileMillis(merged, 99),
                Double.NaN);
    }

    public long elapsedMillis() {
        return millis(System.nanoTime());
    }

    public static double percentileMillis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private Second second(long nanos) {
        return seconds.computeIfAbsent(secondOf(nanos), k -> new Second());
    }

    private int secondOf(long nanos) {
        return (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
    }

    private long millis(long nanos) {
        return (nanos - startNanos) / 1_000_000L;
    }
}
