package io.ledgerline.command.intake;

import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.web.Problems;
import org.springframework.http.ProblemDetail;

/**
 * Which failures are a command's final answer, to be replayed for its Idempotency-Key: refusals (missing accounts
 * included) are; conflicts, timeouts and technical failures are not (a retry may succeed).
 */
final class CommandProblems {

    private CommandProblems() {
    }

    /** The problem that answers {@code failure} for good, or null when a retry may answer otherwise. */
    static ProblemDetail finalProblemOf(RuntimeException failure) {
        CommandFailure classified = CommandFailure.of(failure);
        return classified instanceof CommandFailure.Refused ? Problems.of(classified) : null;
    }
}
