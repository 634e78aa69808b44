package io.ledgerline.prove.suite;

import java.time.Duration;
import java.util.List;

/**
 * How the benchmark suite ({@code infra/prove --benchmark}) runs. The workload itself is pinned (see
 * {@link #ACCOUNTS} and the others) so that runs stay comparable; only the lengths and the choice of scenarios vary.
 *
 * @param window          each scenario's measured window (--duration)
 * @param settle          load before each window that is not measured (pools, caches, the transfer process catching up)
 * @param warmupMinimum   the warm-up lasts at least this long
 * @param warmupCap       and at most this long, stable or not
 * @param baseline        each raw PostgreSQL baseline, run right before and right after each window
 * @param profile         attach async-profiler to every stack JVM for each measured window
 * @param profileInterval its sampling interval (itimer)
 * @param rebuildEvents   events the store holds before the projection rebuild (a fill phase adds what is missing)
 */
public record SuiteSettings(List<Scenario> scenarios, Duration window, Duration settle, Duration warmupMinimum,
                            Duration warmupCap, Duration baseline, boolean profile, Duration profileInterval,
                            long rebuildEvents) {

    public static final int ACCOUNTS = 200;
    public static final double SKEW = 0;
    public static final double RETRY = 0;
    /** Large enough that balanced amounts of at most 1000 never drive a balance to the overdraft limit. */
    public static final long SEED_DEPOSIT = 1_000_000;
    /** The per-principal rate limit of the command-service, raised so that it never answers 429 here. */
    public static final long RATE_LIMIT = 1_000_000;
    public static final int WARMUP_WORKERS = 16;
    public static final Duration WARMUP_WINDOW = Duration.ofSeconds(10);
    public static final int STABLE_WINDOWS = 3;
    public static final double STABLE_TOLERANCE = 0.05;
    /** The warm-up also waits until the JIT compilers use at most this share of the machine's busy CPU. */
    public static final double STABLE_JIT_SHARE = 0.05;
    /** How long after a window the transfers requested in it may take to settle before the suite moves on. */
    public static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);
}
