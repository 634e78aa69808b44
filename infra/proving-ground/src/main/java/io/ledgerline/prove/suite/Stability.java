package io.ledgerline.prove.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides when a warm-up is over: throughput is read in fixed windows (10 s), and it is stable once the last
 * {@code windows} of them lie within ±{@code tolerance} of their mean and at least {@code minimum} has passed.
 * After {@code cap} the warm-up ends anyway, and says that it was not stable.
 */
public final class Stability {

    /** The verdict after a window. */
    public enum State { WARMING, STABLE, CAPPED }

    private final int windows;
    private final double tolerance;
    private final Duration window;
    private final Duration minimum;
    private final Duration cap;
    private final List<Double> rates = new ArrayList<>();

    public Stability(int windows, double tolerance, Duration window, Duration minimum, Duration cap) {
        if (windows < 2 || tolerance <= 0 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("need at least two windows of positive length and a tolerance > 0");
        }
        this.windows = windows;
        this.tolerance = tolerance;
        this.window = window;
        this.minimum = minimum;
        this.cap = cap.compareTo(minimum) < 0 ? minimum : cap;
    }

    /** Adds one window's throughput (per second) and says where the warm-up stands. */
    public State add(double perSecond) {
        rates.add(perSecond);
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

    private boolean isStable() {
        return elapsed().compareTo(minimum) >= 0 && spread() <= tolerance;
    }
}
