package io.ledgerline.query.projection;

import java.time.Duration;

/** As many {@code ?minVersion} reads as allowed are waiting on this instance already: 503 overloaded. */
public class TooManyWaitsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyWaitsException(Duration retryAfter) {
        super("Too many reads are waiting for the projection; retry shortly.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
