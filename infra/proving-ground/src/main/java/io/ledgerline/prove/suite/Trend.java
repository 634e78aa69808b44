package io.ledgerline.prove.suite;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Whether a sampled gauge (a lag) grows over a measured window: the maximum of its first and of its second half,
 * and the least-squares slope per second. It "grows" when the rise the slope predicts over the window exceeds both
 * {@code noise} (the gauge's resolution) and a fifth of the window's mean, and the second half reached higher than
 * the first: a lag that only jitters, or that spiked early and came back, does not.
 */
public record Trend(int samples, double firstHalfMax, double secondHalfMax, double slopePerSecond, double mean,
                    double max, boolean grows) {

    /** The samples of {@code series} (second → value) from {@code fromSecond} (inclusive) to {@code toSecond}. */
    public static Trend of(NavigableMap<Integer, Double> series, int fromSecond, int toSecond, double noise) {
        if (series == null) {
            return empty();
        }
        NavigableMap<Integer, Double> window = series.subMap(fromSecond, true, toSecond, false);
        long n = window.values().stream().filter(v -> !Double.isNaN(v)).count();
        if (n < 2) {
            return empty();
        }
        double middle = (fromSecond + toSecond) / 2.0;
        double firstMax = Double.NEGATIVE_INFINITY;
        double secondMax = Double.NEGATIVE_INFINITY;
        double sumX = 0;
        double sumY = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, Double> e : window.entrySet()) {
            double y = e.getValue();
            if (Double.isNaN(y)) {
                continue;
            }
            if (e.getKey() < middle) {
                firstMax = Math.max(firstMax, y);
            } else {
                secondMax = Math.max(secondMax, y);
            }
            max = Math.max(max, y);
            sumX += e.getKey();
            sumY += y;
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double covariance = 0;
        double variance = 0;
        for (Map.Entry<Integer, Double> e : window.entrySet()) {
            if (!Double.isNaN(e.getValue())) {
                covariance += (e.getKey() - meanX) * (e.getValue() - meanY);
                variance += (e.getKey() - meanX) * (e.getKey() - meanX);
            }
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        if (firstMax == Double.NEGATIVE_INFINITY) {
            firstMax = Double.NaN;
        }
        if (secondMax == Double.NEGATIVE_INFINITY) {
            secondMax = Double.NaN;
        }
        double rise = slope * (toSecond - fromSecond);
        boolean grows = !Double.isNaN(firstMax) && !Double.isNaN(secondMax) && secondMax > firstMax
                && rise > Math.max(noise, 0.2 * Math.abs(meanY));
        return new Trend((int) n, firstMax, secondMax, slope, meanY, max, grows);
    }

    private static Trend empty() {
        return new Trend(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    }

    @Override
    public String toString() {
        if (samples == 0) {
            return "not sampled";
        }
        return String.format(java.util.Locale.ROOT, "max %.3g / %.3g (1st / 2nd half), slope %+.3g/s, %s", firstHalfMax,
                secondHalfMax, slopePerSecond, grows ? "GROWS" : "bounded");
    }
}
