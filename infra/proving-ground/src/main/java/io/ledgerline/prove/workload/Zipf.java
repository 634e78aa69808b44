package io.ledgerline.prove.workload;

import java.util.Arrays;
import java.util.Random;

/**
 * Zipf-distributed ranks 0..n-1 (rank r drawn with weight 1/(r+1)^skew) by inverse CDF: a skew of 0 is uniform,
 * 1 and above concentrate traffic on a few hot accounts, so commands on one aggregate collide.
 */
public final class Zipf {

    private final double[] cumulative;

    public Zipf(int n, double skew) {
        if (n < 1 || skew < 0) {
            throw new IllegalArgumentException("Zipf needs n >= 1 and skew >= 0");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / Math.pow(rank + 1, skew);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
    }

    public int next(Random random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = found >= 0 ? found : -found - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    /** Probability of rank 0, the hottest account. */
    public double hottestShare() {
        return cumulative[0];
    }
}
