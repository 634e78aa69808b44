package io.ledgerline.command.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Transfers in flight for the aggregate tests. */
public class InMemoryTransfersInFlight implements TransfersInFlight {

    private final Map<String, List<String>> accountsByTransfer = new HashMap<>();
    private final Map<String, Long> debitsByAccount = new HashMap<>();

    @Override
    public void register(String transferId, String sourceAccountId, String destinationAccountId) {
        accountsByTransfer.put(transferId, List.of(sourceAccountId, destinationAccountId));
    }

    @Override
    public void release(String transferId) {
        accountsByTransfer.remove(transferId);
    }

    @Override
    public boolean involves(String accountId) {
        return accountsByTransfer.values().stream().anyMatch(accounts -> accounts.contains(accountId));
    }

    @Override
    public long debitsInFlight(String accountId) {
        return debitsByAccount.getOrDefault(accountId, 0L);
    }

    /** What the store would say: {@code amount} debited from {@code accountId} by transfers in flight. */
    public void holdDebits(String accountId, long amount) {
        debitsByAccount.put(accountId, amount);
    }

    public boolean isInFlight(String transferId) {
        return accountsByTransfer.containsKey(transferId);
    }
}
