package io.ledgerline.query.account;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An owner's accounts that are not closed, and their balances per currency. Computed at read time from the
 * account documents, so redelivered or replayed events can never count twice.
 */
public record OwnerSummary(String ownerId, long accounts, List<CurrencyTotal> balances) {

    /** What the summary reads of each account document. */
    public record Row(String currency, long balance, AccountStatus status) {

        public static Row of(AccountView account) {
            return new Row(account.currency(), account.balance(), account.status());
        }
    }

    public static OwnerSummary of(String ownerId, Iterable<Row> ownersAccounts) {
        long open = 0;
        Map<String, BigInteger> totals = new TreeMap<>();
        for (Row account : ownersAccounts) {
            if (account.status() == AccountStatus.CLOSED) {
                continue;
            }
            open++;
            totals.merge(account.currency(), BigInteger.valueOf(account.balance()), BigInteger::add);
        }
        List<CurrencyTotal> balances = totals.entrySet().stream()
                .map(entry -> new CurrencyTotal(entry.getKey(), entry.getValue()))
                .toList();
        return new OwnerSummary(ownerId, open, balances);
    }
}
