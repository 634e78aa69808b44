package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.CommandRefusedException;
import io.ledgerline.command.ledger.Refusal;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Tells a command's failures apart: business refusals (REJECTED) from technical failures (FAILED). */
final class Failures {

    record Classified(CommandStatuses.Status status, String code, String detail) {
    }

    private Failures() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static Classified classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CommandRefusedException refused) {
            return new Classified(CommandStatuses.Status.REJECTED, refused.refusal().code(), refused.getMessage());
        }
        if (t instanceof AggregateNotFoundException) {
            return new Classified(CommandStatuses.Status.REJECTED, Refusal.ACCOUNT_NOT_FOUND.code(),
                    "account not found");
        }
        if (t instanceof ConcurrencyException) {
            return new Classified(CommandStatuses.Status.FAILED, Refusal.CONCURRENCY_CONFLICT.code(),
                    "the aggregate was changed concurrently; submit the command again");
        }
        return new Classified(CommandStatuses.Status.FAILED, "internal-error",
                "the command could not be processed; it may be submitted again");
    }
}
