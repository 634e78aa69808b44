package io.ledgerline.query.account;

import java.util.Optional;

/** Where the account projection keeps its documents; every write is idempotent or version-guarded. */
public interface AccountStore {

    Optional<AccountView> find(String accountId);

    /** Inserts a new account; false when one with that id exists already. */
    boolean insert(AccountView account);

    /** Replaces the account if it is still at {@code expectedVersion}; false otherwise. */
    boolean replace(AccountView account, long expectedVersion);

    /** Adds a statement line; adding the same line again changes nothing. */
    void addStatementRow(StatementRow row);
}
