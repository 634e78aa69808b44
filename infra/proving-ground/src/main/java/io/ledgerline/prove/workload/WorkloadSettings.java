package io.ledgerline.prove.workload;

import java.time.Duration;

/**
 * How the workload runs.
 *
 * @param rate               target operations per second over all workers; 0 runs a closed loop (each worker sends
 *                           its next operation when the last one answered)
 * @param operations         stop after this many operations (first attempts); 0: run for {@code duration}
 * @param retryProbability   chance that an operation is deliberately sent again with the same ids (at once or later)
 * @param viaKafka           share of deposits, withdrawals and transfers sent over the command topic (0..1)
 * @param seedDeposit        the first deposit of every account
 * @param amounts            largest amount of each kind (each drawn uniformly from 1 to it)
 * @param crossCurrencyShare share of transfers sent to an account of another currency on purpose: they must end
 *                           FAILED or REJECTED
 * @param style              how HTTP commands are sent (plain, with an Idempotency-Key, or asynchronously)
 */
public record WorkloadSettings(long seed, int concurrency, double rate, Duration duration, long operations,
                               Mix mix, double retryProbability, double viaKafka, long seedDeposit,
                               Duration requestTimeout, Amounts amounts, double crossCurrencyShare,
                               HttpCommands.Style style) {

    /** Largest deposit, withdrawal and transfer amount. */
    public record Amounts(long deposit, long withdraw, long transfer) {

        /** The drills': withdrawals outweigh deposits, so balances drift down and refusals happen. */
        public static final Amounts DRILL = new Amounts(1000, 1500, 1500);
        /** The benchmark's: balanced, so with a large first deposit refusals stay rare. */
        public static final Amounts BALANCED = new Amounts(1000, 1000, 1000);
    }

    public static final double DRILL_CROSS_CURRENCY_SHARE = 0.03;

    /** The same settings with another load shape: workers, target rate, mix, channel and HTTP style. */
    public WorkloadSettings with(int concurrency, double rate, Mix mix, double viaKafka, HttpCommands.Style style) {
        return new WorkloadSettings(seed, concurrency, rate, duration, operations, mix, retryProbability, viaKafka,
                seedDeposit, requestTimeout, amounts, crossCurrencyShare, style);
    }

    /** With another seed: each phase of a suite draws its own operations, still fixed by the run's seed. */
    public WorkloadSettings withSeed(long value) {
        return new WorkloadSettings(value, concurrency, rate, duration, operations, mix, retryProbability, viaKafka,
                seedDeposit, requestTimeout, amounts, crossCurrencyShare, style);
    }
}
