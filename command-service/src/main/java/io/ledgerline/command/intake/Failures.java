package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.ledger.Refusal;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A command's failure as its status records it: refusals REJECTED, conflicts and technical failures FAILED. */
public final class Failures {

    public record Classified(CommandStatuses.Status status, String code, String detail) {
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

    public static Classified classify(Throwable failure) {
        CommandFailure classified = CommandFailure.of(failure);
        if (classified instanceof CommandFailure.Refused refused) {
            return new Classified(CommandStatuses.Status.REJECTED, refused.refusal().code(), refused.detail());
        }
        if (classified instanceof CommandFailure.Conflict) {
            return new Classified(CommandStatuses.Status.FAILED, Refusal.CONCURRENCY_CONFLICT.code(),
                    "the aggregate was changed concurrently; submit the command again");
        }
        return new Classified(CommandStatuses.Status.FAILED, "internal-error",
                "the command could not be processed; it may be submitted again");
    }
}
