package io.ledgerline.command.account;

import io.ledgerline.command.ledger.Money;
import java.util.Optional;

/**
 * The ids an account has consumed, forever: client transaction ids and the transfer ids of its debits, credits
 * and refunds. Kept in PostgreSQL and written in the same transaction as the events (not in aggregate state,
 * where snapshots would grow without end), so an id is applied at most once whatever the retries.
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

    record Entry(Kind kind, long amount, String currency, long version, long balanceAfter) {
    }

    Optional<Entry> find(String accountId, Kind kind, String referenceId);

    void record(String accountId, Kind kind, String referenceId, Money money, long version, long balanceAfter);
}
