package io.ledgerline.query.projection;

import java.time.Duration;

/** The read model has not reached the version a reader asked for within the bounded wait. */
public class ProjectionBehindException extends RuntimeException {

    private final Duration retryAfter;

    public ProjectionBehindException(long minVersion, Duration retryAfter) {
        super("The read model has not reached version " + minVersion + " yet; retry shortly.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
