package io.ledgerline.command.account;

import io.ledgerline.command.ledger.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The operation log of the aggregate tests; the PostgreSQL one is covered by the integration tests. */
public class InMemoryOperationLog implements OperationLog {

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public Optional<Entry> find(String accountId, Kind kind, String referenceId) {
        return Optional.ofNullable(entries.get(key(accountId, kind, referenceId)));
    }

    @Override
    public void record(String accountId, Kind kind, String referenceId, Money money, long version,
                       long balanceAfter) {
        Entry previous = entries.putIfAbsent(key(accountId, kind, referenceId),
                new Entry(kind, money.amount(), money.currency(), version, balanceAfter));
        if (previous != null) {
            throw new IllegalStateException("id recorded twice: " + referenceId);
        }
    }

    public int size() {
        return entries.size();
    }

    private static String key(String accountId, Kind kind, String referenceId) {
        return accountId + '|' + kind.scope() + '|' + referenceId;
    }
}
