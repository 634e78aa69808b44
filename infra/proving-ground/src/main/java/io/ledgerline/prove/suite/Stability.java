package io.ledgerline.prove.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides when a warm-up is over: throughput is read in fixed windows (10 s), and it is stable once the last
 * {@code windows} of them lie within ±{@code tolerance} of their mean, the JIT compilers used at most
 * {@code maxJitShare} of the machine's busy CPU in the last window (six JVMs on two cores compile for minutes;
 * throughput can look flat while a third of the CPU still goes to the compilers), and at least {@code minimum}
 * has passed. After {@code cap} the warm-up ends anyway, and says that it was not stable.
 */
public final class Stability {

    /** The verdict after a window. */
    public enum State { WARMING, STABLE, CAPPED }

    private final int windows;
    private final double tolerance;
    private final Duration window;
    private final Duration minimum;
    private final Duration cap;
    private final double maxJitShare;
    private final List<Double> rates = new ArrayList<>();
    private double lastJitShare = Double.NaN;

    public Stability(int windows, double tolerance, Duration window, Duration minimum, Duration cap) {
        this(windows, tolerance, window, minimum, cap, Double.POSITIVE_INFINITY);
    }

    public Stability(int windows, double tolerance, Duration window, Duration minimum, Duration cap,
                     double maxJitShare) {
        if (windows < 2 || tolerance <= 0 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("need at least two windows of positive length and a tolerance > 0");
        }
        this.windows = windows;
        this.tolerance = tolerance;
        this.window = window;
        this.minimum = minimum;
        this.cap = cap.compareTo(minimum) < 0 ? minimum : cap;
        this.maxJitShare = maxJitShare;
    }

    /** Adds one window's throughput (per second) and says where the warm-up stands. */
    public State add(double perSecond) {
        return add(perSecond, 0);
    }

    /** Adds one window's throughput and the JIT compilers' share of the busy CPU in it (NaN: unknown). */
    public State add(double perSecond, double jitShare) {
        rates.add(perSecond);
        lastJitShare = jitShare;
        if (isStable()) {
            return State.STABLE;
        }
        return elapsed().compareTo(cap) >= 0 ? State.CAPPED : State.WARMING;
    }

    public Duration elapsed() {
        return window.multipliedBy(rates.size());
    }

    public Duration window() {
        return window;
    }

    public List<Double> rates() {
        return List.copyOf(rates);
    }

    /** Largest relative distance of the last windows from their mean (NaN before there are enough). */
    public double spread() {
        if (rates.size() < windows) {
            return Double.NaN;
        }
        List<Double> last = rates.subList(rates.size() - windows, rates.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean <= 0) {
            return Double.POSITIVE_INFINITY; // nothing flows: not a steady state worth measuring
        }
        return last.stream().mapToDouble(r -> Math.abs(r - mean) / mean).max().orElse(0);
    }

    /** The JIT compilers' share of the busy CPU in the last window. */
    public double jitShare() {
        return lastJitShare;
    }

    private boolean isStable() {
        boolean compiled = Double.isNaN(lastJitShare) || lastJitShare <= maxJitShare;
        return elapsed().compareTo(minimum) >= 0 && spread() <= tolerance && compiled;
    }
}
