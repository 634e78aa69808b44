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
 * in microseconds in HdrHistograms. Measured {@link Window}s (the drill's workload after its warm-up, each scenario
 * of the benchmark suite) keep their own histograms and counts.
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
    private final List<Window> windows = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A measured window: the attempts that ended inside it, and the visibility and settlement of what was
     * acknowledged (or requested) inside it, however late that comes.
     */
    public static final class Window {
        private final String label;
        private final long startNanos;
        private volatile long endNanos = Long.MAX_VALUE;
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong unknown = new AtomicLong();
        private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
        private final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
        private final Histogram ackToVisible = new ConcurrentHistogram(MAX_MICROS, 3);
        private final Histogram commitToVisible = new ConcurrentHistogram(MAX_MICROS, 3);
        private final Histogram settlement = new ConcurrentHistogram(MAX_MICROS, 3);
        private final Map<String, AtomicLong> settled = new ConcurrentHashMap<>();

        Window(String label, long startNanos) {
            this.label = label;
            this.startNanos = startNanos;
        }

        boolean contains(long nanos) {
            return nanos >= startNanos && nanos <= endNanos;
        }

        public String label() {
            return label;
        }

        public long startNanos() {
            return startNanos;
        }

        public long endNanos() {
            return endNanos;
        }

        public boolean open() {
            return endNanos == Long.MAX_VALUE;
        }

        public double seconds() {
            long end = open() ? System.nanoTime() : endNanos;
            return Math.max(1e-9, (end - startNanos) / 1e9);
        }

        public long ok() {
            return ok.get();
        }

        public long rejected() {
            return rejected.get();
        }

        public long unknown() {
            return unknown.get();
        }

        /** Refused attempts by problem code (or Kafka result code). */
        public Map<String, Long> refusals() {
            Map<String, Long> copy = new java.util.TreeMap<>();
            refusals.forEach((code, n) -> copy.put(code, n.get()));
            return copy;
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

        /** Transfer requested → terminal event, for transfers requested inside the window. */
        public Histogram settlement() {
            return settlement;
        }

        /** Terminal transfer events by type (COMPLETED, REJECTED, FAILED) for transfers requested inside it. */
        public Map<String, Long> settled() {
            Map<String, Long> copy = new java.util.TreeMap<>();
            settled.forEach((status, n) -> copy.put(status, n.get()));
            return copy;
        }
    }

    private volatile Window current;

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
        Window window = current;
        if (window != null && window.contains(attempt.endNanos())) {
            if (answered) {
                window.latency.recordValue(micros);
            }
            switch (attempt.outcome()) {
                case OK -> window.ok.incrementAndGet();
                case REJECTED -> {
                    window.rejected.incrementAndGet();
                    window.refusals.computeIfAbsent(attempt.status() > 0 ? attempt.status() + " "
                            + attempt.code() : String.valueOf(attempt.code()), k -> new AtomicLong())
                            .incrementAndGet();
                }
                default -> window.unknown.incrementAndGet();
            }
        }
    }

    /** From acknowledgement to the read model showing it; and from the event's commit (its timestamp). */
    public void visible(long ackNanos, long visibleNanos, long commitToVisibleMillis) {
        long micros = Math.min(MAX_MICROS, Math.max(1, (visibleNanos - ackNanos) / 1000));
        second(visibleNanos).visibility.recordValue(micros);
        Window window = windowAt(ackNanos);
        if (window != null) {
            window.ackToVisible.recordValue(micros);
            if (commitToVisibleMillis >= 0) {
                window.commitToVisible.recordValue(Math.min(MAX_MICROS, Math.max(1, commitToVisibleMillis * 1000)));
            }
        }
    }

    /** A transfer requested at {@code requestNanos} reached its terminal event ({@code status}) after this long. */
    public void settled(long requestNanos, long settleMillis, String status) {
        Window window = windowAt(requestNanos);
        if (window != null) {
            window.settlement.recordValue(Math.min(MAX_MICROS, Math.max(1, settleMillis * 1000)));
            window.settled.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private Window windowAt(long nanos) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            Window w = windows.get(i);
            if (w.contains(nanos)) {
                return w;
            }
        }
        return null;
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

    /** Opens a measured window (closing the one before, if any). */
    public Window startMeasuring(String label) {
        stopMeasuring();
        Window window = new Window(label, System.nanoTime());
        windows.add(window);
        current = window;
        return window;
    }

    public void startMeasuring() {
        startMeasuring("workload");
    }

    public void stopMeasuring() {
        Window window = current;
        if (window != null && window.open()) {
            window.endNanos = System.nanoTime();
        }
    }

    /** The last window opened (the whole measured workload of a single run). */
    public Window measured() {
        Window window = current;
        return window != null ? window : new Window("none", System.nanoTime());
    }

    public List<Window> windows() {
        return List.copyOf(windows);
    }

    /** The windows as marks for the chart and report.json (milliseconds from the start of the run). */
    public List<Mark> windowMarks() {
        return windows.stream().map(w -> new Mark(w.label, millis(w.startNanos), millis(w.open() ? System.nanoTime()
                : w.endNanos), null)).toList();
    }

    /** The second of the run (as the per-second buckets and gauges count them) that {@code nanos} falls in. */
    public int secondAt(long nanos) {
        return secondOf(nanos);
    }

    public double measuredSeconds() {
        return measured().seconds();
    }

    public long measuredOk() {
        return measured().ok();
    }

    public long measuredRejected() {
        return measured().rejected();
    }

    public Histogram latency() {
        return measured().latency();
    }

    public Histogram ackToVisible() {
        return measured().ackToVisible();
    }

    public Histogram commitToVisible() {
        return measured().commitToVisible();
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
