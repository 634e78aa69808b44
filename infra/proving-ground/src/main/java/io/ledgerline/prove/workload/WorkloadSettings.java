package io.ledgerline.prove.workload;

import java.time.Duration;

/**
 * How the workload runs.
 *
 * @param rate             target operations per second over all workers; 0 runs a closed loop (each worker sends
 *                         its next operation when the last one answered)
 * @param operations       stop after this many operations (first attempts); 0: run for {@code duration}
 * @param retryProbability chance that an operation is deliberately sent again with the same ids (at once or later)
 * @param viaKafka         share of deposits, withdrawals and transfers sent over the command topic (0..1)
 * @param seedDeposit      the first deposit of every account
 */
public record WorkloadSettings(long seed, int concurrency, double rate, Duration duration, long operations,
                               Mix mix, double retryProbability, double viaKafka, long seedDeposit,
                               Duration requestTimeout) {

    /** Share of transfers sent to an account of another currency on purpose: they must end FAILED or REJECTED. */
    public static final double CROSS_CURRENCY_SHARE = 0.03;
}
