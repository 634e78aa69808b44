package io.ledgerline.query.projection;

import io.ledgerline.query.QueryProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for {@code ?minVersion=N}: re-reads a document until it has reached version N or the bounded
 * wait is over. It looks again as soon as this instance has applied a batch of events ({@link AppliedBatches}),
 * and at least every {@value #POLL_MILLIS} ms, because the instance that applies the event may not be the one
 * answering the read.
 */
@Component
public class VersionWait {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 50;

    private final Duration maxWait;
    private final AppliedBatches appliedBatches;

    public VersionWait(QueryProperties properties, AppliedBatches appliedBatches) {
        this.maxWait = properties.minVersionWait();
        this.appliedBatches = appliedBatches;
    }

    /**
     * @param minVersion null: no waiting
     * @throws ProjectionBehindException when the document is still missing or older after the wait
     */
    public <T> Optional<T> await(Supplier<Optional<T>> lookup, ToLongFunction<T> versionOf, Long minVersion) {
        long ticket = appliedBatches.ticket();
        Optional<T> found = lookup.get();
        if (minVersion == null) {
            return found;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (found.map(versionOf::applyAsLong).orElse(0L) < minVersion) {
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
    }
}
