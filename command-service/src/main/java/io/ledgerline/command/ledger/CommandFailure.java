package io.ledgerline.command.ledger;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;

/**
 * What a command's failure means, decided here for every place that asks (HTTP, the command topic, command
 * statuses, metrics, the gateway's retries, the group commit's rollback): {@link Refused} is a business answer,
 * {@link Conflict} a race another try may win, {@link Technical} anything else.
 */
public sealed interface CommandFailure {

    /** Nothing was applied, and the same command gets the same answer: final. A missing account is one. */
    record Refused(Refusal refusal, String detail) implements CommandFailure {
    }

    /**
     * Another append to the same aggregate won (another instance, or an id taken at the same moment): the
     * command was not applied and a retry may succeed.
     */
    record Conflict(Throwable cause) implements CommandFailure {
    }

    /** The command could not be processed; it may or may not be applicable, so a retry may answer otherwise. */
    record Technical(Throwable cause) implements CommandFailure {
    }

    /** Classifies {@code failure} by the first refusal or conflict on its chain of causes. */
    static CommandFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CommandRefusedException refused) {
                return refused.refusal() == Refusal.CONCURRENCY_CONFLICT ? new Conflict(refused)
                        : new Refused(refused.refusal(), refused.getMessage());
            }
            if (t instanceof AggregateNotFoundException) {
                return new Refused(Refusal.ACCOUNT_NOT_FOUND, "account not found");
            }
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                    || t instanceof DuplicateKeyException) {
                return new Conflict(t);
            }
        }
        return new Technical(failure);
    }

    static boolean isRefusal(Throwable failure) {
        return of(failure) instanceof Refused;
    }

    static boolean isConflict(Throwable failure) {
        return of(failure) instanceof Conflict;
    }
}
