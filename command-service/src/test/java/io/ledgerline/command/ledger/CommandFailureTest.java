package io.ledgerline.command.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

class CommandFailureTest {

    @Test
    void aRefusalIsRefusedWithItsReasonAndDetail() {
        assertThat(CommandFailure.of(Refusal.INSUFFICIENT_FUNDS.because("balance 5, amount 10")))
                .isEqualTo(new CommandFailure.Refused(Refusal.INSUFFICIENT_FUNDS, "balance 5, amount 10"));
    }

    @Test
    void aMissingAggregateIsRefusedAsAccountNotFound() {
        assertThat(CommandFailure.of(new AggregateNotFoundException("account:a1", "no such aggregate")))
                .isEqualTo(new CommandFailure.Refused(Refusal.ACCOUNT_NOT_FOUND, "account not found"));
    }

    @Test
    void theFuturesAndWrappersAroundAFailureDoNotChangeItsClass() {
        Throwable wrapped = new CompletionException(new ExecutionException(
                new IllegalStateException("handler failed", Refusal.ACCOUNT_FROZEN.because("frozen"))));

        assertThat(CommandFailure.of(wrapped))
                .isEqualTo(new CommandFailure.Refused(Refusal.ACCOUNT_FROZEN, "frozen"));
        assertThat(CommandFailure.of(new CompletionException(new DuplicateKeyException("unique violation"))))
                .isInstanceOf(CommandFailure.Conflict.class);
    }

    @Test
    void everyKindOfLostAppendRaceIsAConflict() {
        assertThat(CommandFailure.of(new ConcurrencyException("sequence 3 taken")))
                .isInstanceOf(CommandFailure.Conflict.class);
        assertThat(CommandFailure.of(new AggregateStreamCreationException("stream exists")))
                .isInstanceOf(CommandFailure.Conflict.class);
        assertThat(CommandFailure.of(new DuplicateKeyException("unique violation")))
                .isInstanceOf(CommandFailure.Conflict.class);
        assertThat(CommandFailure.of(Refusal.CONCURRENCY_CONFLICT.because("changed")))
                .as("a concurrency conflict is never a final answer").isInstanceOf(CommandFailure.Conflict.class);
    }

    @Test
    void theOutermostRefusalOrConflictDecides() {
        assertThat(CommandFailure.of(Refusal.ACCOUNT_CLOSED.because("closed")))
                .isInstanceOf(CommandFailure.Refused.class);
        assertThat(CommandFailure.of(new ConcurrencyException("raced", Refusal.ACCOUNT_CLOSED.because("closed"))))
                .isInstanceOf(CommandFailure.Conflict.class);
    }

    @Test
    void anythingElseIsTechnical() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThat(CommandFailure.of(bug)).isEqualTo(new CommandFailure.Technical(bug));
        assertThat(CommandFailure.isRefusal(bug)).isFalse();
        assertThat(CommandFailure.isConflict(bug)).isFalse();
    }
}
