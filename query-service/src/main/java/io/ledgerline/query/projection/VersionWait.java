package io.ledgerline.query.projection;

import io.ledgerline.query.QueryProperties;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for {@code ?minVersion=N}: re-reads a document until it has reached version N or the bounded
 * wait is over. Polling rather than listening for local writes, because the instance that applies the event may
 * not be the one answering the read.
 */
@Component
public class VersionWait {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 100;

    private final Duration maxWait;

    public VersionWait(QueryProperties properties) {
        this.maxWait = properties.minVersionWait();
    }

    /**
     * @param minVersion null: no waiting
     * @throws ProjectionBehindException when the document is still missing or older after the wait
     */
    public <T> Optional<T> await(Supplier<Optional<T>> lookup, ToLongFunction<T> versionOf, Long minVersion) {
        Optional<T> found = lookup.get();
        if (minVersion == null) {
            return found;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (found.map(versionOf::applyAsLong).orElse(0L) < minVersion) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ProjectionBehindException(minVersion, RETRY_AFTER);
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProjectionBehindException(minVersion, RETRY_AFTER);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            found = lookup.get();
        }
        return found;
    }
}
