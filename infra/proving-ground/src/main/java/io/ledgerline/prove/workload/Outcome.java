package io.ledgerline.prove.workload;

/** What the client learnt from one attempt. */
public enum Outcome {
    /** Acknowledged: applied (or an idempotent replay of the applied original). */
    OK,
    /** A definite refusal (4xx, REJECTED result): the attempt recorded nothing. */
    REJECTED,
    /** The request never left: connection refused. It cannot have been applied. */
    NOT_SENT,
    /** Timeout, connection lost, 5xx, FAILED or no result: it may or may not have been applied. */
    UNKNOWN;

    /** Whether this attempt is known not to have changed anything. */
    public boolean recordedNothing() {
        return this == REJECTED || this == NOT_SENT;
    }
}
