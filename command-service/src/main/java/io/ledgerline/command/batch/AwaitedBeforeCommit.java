package io.ledgerline.command.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets an event handler start work without waiting for it, while its processor's token still passes the event
 * only once that work is done: every future registered during a batch of events is awaited at the batch's
 * prepare-commit, before the token (and anything else of the batch) commits. A failure or timeout fails the
 * batch, which the processor then rolls back and retries. Handlers of one batch thus run their work at once
 * (the publisher's sends, the transfer process's steps), instead of one after the other.
 */
public final class AwaitedBeforeCommit {

    private static final String RESOURCE = AwaitedBeforeCommit.class.getName();

    private AwaitedBeforeCommit() {
    }

    /** Registers {@code work} with the current unit of work (the processor's batch). */
    public static void register(CompletableFuture<?> work, Duration timeout) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<CompletableFuture<?>>>getOrComputeResource(RESOURCE, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAll(pending, timeout));
            return pending;
        }).add(work);
    }

    private static void awaitAll(List<CompletableFuture<?>> pending, Duration timeout) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkNotDoneException("interrupted while waiting for the batch's work", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new WorkNotDoneException("the batch's work did not complete: " + e.getMessage(), e);
        }
    }

    /** Some of a batch's work failed or did not finish in time; the batch must not commit. */
    public static class WorkNotDoneException extends RuntimeException {
        WorkNotDoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
