package io.ledgerline.query.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Too much asked of this instance right now: 429 {@code rate-limited} or 503 {@code overloaded}, with Retry-After. */
public class RetryLaterException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    public RetryLaterException(HttpStatus status, String code, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
