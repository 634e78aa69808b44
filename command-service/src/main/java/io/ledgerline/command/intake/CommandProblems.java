package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.CommandRefusedException;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.command.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ProblemDetail;

/**
 * Which failures are a command's final answer, to be replayed for its Idempotency-Key: refusals and missing
 * accounts are; conflicts, timeouts and technical failures are not (a retry may succeed).
 */
final class CommandProblems {

    private CommandProblems() {
    }

    /** The problem that answers {@code failure} for good, or null when a retry may answer otherwise. */
    static ProblemDetail finalProblemOf(RuntimeException failure) {
        Throwable t = Failures.unwrap(failure);
        if (t instanceof CommandRefusedException refused && refused.refusal() != Refusal.CONCURRENCY_CONFLICT) {
            return Problems.refused(refused);
        }
        if (t instanceof AggregateNotFoundException) {
            return Problems.accountNotFound();
        }
        return null;
    }
}
