package io.ledgerline.command.account;

import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import java.util.Optional;

/**
 * The ids an account has consumed, forever: client transaction ids and the transfer ids of its debits, credits
 * and refunds. Kept in PostgreSQL and written in the same transaction as the events (not in aggregate state,
 * where snapshots would grow without end), so an id is applied at most once whatever the retries. A transfer
 * step that was refused is recorded too: the transfer's outcome is decided once.
 */
public interface OperationLog {

    /** What an operation was, so that a retry can be told apart from a reuse of its id. */
    enum Kind {
        DEPOSIT, WITHDRAWAL, TRANSFER_DEBIT, TRANSFER_CREDIT, TRANSFER_REFUND;

        /** Deposits and withdrawals share one namespace of client transaction ids per account. */
        String scope() {
            return this == DEPOSIT || this == WITHDRAWAL ? "transaction" : name();
        }
    }

    /** An applied operation (version and balance of its event) or a refused transfer step ({@code refusal}). */
    record Entry(Kind kind, long amount, String currency, Long version, Long balanceAfter, Refusal refusal) {
    }

    Optional<Entry> find(String accountId, Kind kind, String referenceId);

    void record(String accountId, Kind kind, String referenceId, Money money, long version, long balanceAfter);

    void recordRefusal(String accountId, Kind kind, String referenceId, Money money, Refusal refusal);
}
