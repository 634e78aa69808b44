package io.ledgerline.command.ledger;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command the ledger refuses for a business reason. Nothing is recorded, and retrying the same command
 * cannot succeed until the state changes, so the command gateway does not retry it (non-transient).
 */
public class CommandRefusedException extends AxonNonTransientException {

    private final Refusal refusal;

    public CommandRefusedException(Refusal refusal, String detail) {
        super(detail);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: the stack trace would only cost time
    }
}
