package io.ledgerline.query.projection;

import io.ledgerline.query.QueryProperties;
import io.ledgerline.query.ReadLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for {@code ?minVersion=N}: re-reads a document until it has reached version N or the bounded
 * wait is over. It looks again as soon as this instance has applied a batch of events ({@link AppliedBatches}),
 * and at least every {@value #POLL_MILLIS} ms, because the instance that applies the event may not be the one
 * answering the read. At most {@link ReadLimits#maxConcurrentWaits()} reads wait at once on an instance (each
 * holds a request thread); a read beyond that which is not satisfied at once is answered 503 {@code overloaded}.
 * The lookup must already apply the reader's rights, so another owner's document waits exactly like a missing
 * one and the two cannot be told apart.
 */
@Component
public class VersionWait {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 50;

    private final Duration maxWait;
    private final AppliedBatches appliedBatches;
    private final Semaphore waiting;
    private final Set<String> exemptAuthorities;

    public VersionWait(QueryProperties properties, AppliedBatches appliedBatches, ReadLimits limits,
                       MeterRegistry meters) {
        this.maxWait = properties.minVersionWait();
        this.appliedBatches = appliedBatches;
        this.waiting = new Semaphore(limits.maxConcurrentWaits());
        Gauge.builder("ledger.query.waits", waiting, w -> limits.maxConcurrentWaits() - w.availablePermits())
                .description("minVersion reads waiting for the projection on this instance, exempt roles not counted")
                .register(meters);
        this.exemptAuthorities = limits.waitExemptRoles().stream().map(role -> "ROLE_" + role)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param minVersion null: no waiting
     * @throws ProjectionBehindException when the document is still missing or older after the wait
     */
    public <T> Optional<T> await(Supplier<Optional<T>> lookup, ToLongFunction<T> versionOf, Long minVersion) {
        long ticket = appliedBatches.ticket();
        Optional<T> found = lookup.get();
        if (minVersion == null || reached(found, versionOf, minVersion)) {
            return found;
        }
        boolean counted = !isExempt();
        if (counted && !waiting.tryAcquire()) {
            throw new TooManyWaitsException(RETRY_AFTER);
        }
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!reached(found, versionOf, minVersion)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ProjectionBehindException(minVersion, RETRY_AFTER);
                }
                try {
                    appliedBatches.awaitAfter(ticket, Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProjectionBehindException(minVersion, RETRY_AFTER);
                }
                ticket = appliedBatches.ticket();
                found = lookup.get();
            }
            return found;
        } finally {
            if (counted) {
                waiting.release();
            }
        }
    }

    private static <T> boolean reached(Optional<T> found, ToLongFunction<T> versionOf, long minVersion) {
        return found.map(versionOf::applyAsLong).orElse(0L) >= minVersion;
    }

    /** Roles that must not be starved by customers' waits (operators, by default). */
    private boolean isExempt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> exemptAuthorities.contains(authority.getAuthority()));
    }
}
