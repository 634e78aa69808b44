package io.ledgerline.command.account;

import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
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
        put(accountId, kind, referenceId, new Entry(kind, money.amount(), money.currency(), version, balanceAfter,
                null));
    }

    @Override
    public void recordRefusal(String accountId, Kind kind, String referenceId, Money money, Refusal refusal) {
        put(accountId, kind, referenceId, new Entry(kind, money.amount(), money.currency(), null, null, refusal));
    }

    private void put(String accountId, Kind kind, String referenceId, Entry entry) {
        if (entries.putIfAbsent(key(accountId, kind, referenceId), entry) != null) {
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
