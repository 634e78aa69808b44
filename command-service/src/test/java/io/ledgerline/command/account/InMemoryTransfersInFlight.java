package io.ledgerline.command.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Transfers in flight for the aggregate tests. */
public class InMemoryTransfersInFlight implements TransfersInFlight {

    private final Map<String, List<String>> accountsByTransfer = new HashMap<>();

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

    public boolean isInFlight(String transferId) {
        return accountsByTransfer.containsKey(transferId);
    }
}
