package io.ledgerline.query.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store contract without MongoDB: same guards, so the projection's logic is tested on its own. */
final class InMemoryAccountStore implements AccountStore {

    private final Map<String, AccountView> accounts = new HashMap<>();
    private final Map<String, StatementRow> rows = new HashMap<>();
    int rowWrites;

    @Override
    public Optional<AccountView> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public boolean insert(AccountView account) {
        return accounts.putIfAbsent(account.accountId(), account) == null;
    }

    @Override
    public boolean replace(AccountView account, long expectedVersion) {
        AccountView current = accounts.get(account.accountId());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        accounts.put(account.accountId(), account);
        return true;
    }

    @Override
    public void addStatementRow(StatementRow row) {
        rowWrites++;
        rows.putIfAbsent(row.id(), row);
    }

    List<StatementRow> statement(String accountId) {
        List<StatementRow> lines = new ArrayList<>(rows.values().stream()
                .filter(row -> row.accountId().equals(accountId)).toList());
        lines.sort(Comparator.comparingLong(StatementRow::version).reversed());
        return lines;
    }
}
