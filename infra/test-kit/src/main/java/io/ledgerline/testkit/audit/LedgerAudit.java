package io.ledgerline.testkit.audit;

import io.ledgerline.contracts.account.AccountClosed;
import io.ledgerline.contracts.account.AccountFrozen;
import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.AccountUnfrozen;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.contracts.transfer.TransferCompleted;
import io.ledgerline.contracts.transfer.TransferFailed;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.contracts.transfer.TransferRequested;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Folds every stream of the ledger and checks the invariants of PRODUCT.md §2 on them: contiguous versions,
 * balances that follow from the amounts, no balance below its overdraft limit, every id applied at most once,
 * transfers that settle consistently (and, at quiescence, terminally), and money conserved per currency.
 * The tests and the fault drills feed it events from the event store or from the Kafka topics alike.
 */
public final class LedgerAudit {

    public record AccountState(String accountId, String ownerId, String currency, long overdraftLimit,
                               String status, long balance, long version) {
    }

    public record TransferState(String transferId, String sourceAccountId, String destinationAccountId,
                                long amount, String currency, String status, String reason, long version) {
    }

    public record Report(Map<String, AccountState> accounts, Map<String, TransferState> transfers,
                         Map<String, Long> balancesByCurrency, Map<String, Long> netDepositsByCurrency,
                         List<String> violations) {

        public boolean isClean() {
            return violations.isEmpty();
        }
    }

    private LedgerAudit() {
    }

    /**
     * @param accountEvents  every event of the account streams
     * @param transferEvents every event of the transfer streams
     * @param quiescent      whether the system is at rest: then every transfer must be terminal and money must
     *                       balance exactly
     */
    public static Report audit(Collection<StoredEvent> accountEvents, Collection<StoredEvent> transferEvents,
                               boolean quiescent) {
        List<String> violations = new ArrayList<>();
        Map<String, AccountState> accounts = new TreeMap<>();
        Map<String, Long> net = new TreeMap<>();
        Map<String, Map<String, Integer>> transferSteps = new HashMap<>();

        for (List<StoredEvent> stream : streams(accountEvents, violations)) {
            foldAccount(stream, accounts, net, transferSteps, violations);
        }
        Map<String, TransferState> transfers = new TreeMap<>();
        for (List<StoredEvent> stream : streams(transferEvents, violations)) {
            foldTransfer(stream, transfers, violations);
        }
        for (TransferState transfer : transfers.values()) {
            checkSettlement(transfer, transferSteps.getOrDefault(transfer.transferId(), Map.of()), quiescent,
                    violations);
        }
        for (String transferId : transferSteps.keySet()) {
            if (!transfers.containsKey(transferId)) {
                violations.add("transfer " + transferId + " moved money but has no TransferRequested");
            }
        }
        Map<String, Long> balances = new TreeMap<>();
        accounts.values().forEach(a -> balances.merge(a.currency(), a.balance(), Math::addExact));
        if (quiescent) {
            Set<String> currencies = new HashSet<>(balances.keySet());
            currencies.addAll(net.keySet());
            for (String currency : currencies) {
                long sum = balances.getOrDefault(currency, 0L);
                long deposits = net.getOrDefault(currency, 0L);
                if (sum != deposits) {
                    violations.add("money not conserved in " + currency + ": balances sum to " + sum
                            + " but deposits minus withdrawals are " + deposits);
                }
            }
        }
        return new Report(accounts, transfers, balances, net, violations);
    }

    private static Collection<List<StoredEvent>> streams(Collection<StoredEvent> events, List<String> violations) {
        Map<String, List<StoredEvent>> byAggregate = events.stream()
                .collect(Collectors.groupingBy(StoredEvent::aggregateId, TreeMap::new, Collectors.toList()));
        for (List<StoredEvent> stream : byAggregate.values()) {
            stream.sort(Comparator.comparingLong(StoredEvent::version));
            for (int i = 0; i < stream.size(); i++) {
                if (stream.get(i).version() != i + 1) {
                    violations.add(stream.get(i).aggregateId() + ": versions not contiguous from 1 (found "
                            + stream.stream().map(StoredEvent::version).toList() + ")");
                    break;
                }
            }
        }
        return byAggregate.values();
    }

    private static void foldAccount(List<StoredEvent> stream, Map<String, AccountState> accounts,
                                    Map<String, Long> net, Map<String, Map<String, Integer>> transferSteps,
                                    List<String> violations) {
        String id = stream.get(0).aggregateId();
        if (!(stream.get(0).event() instanceof AccountOpened opened)) {
            violations.add("account " + id + " does not start with AccountOpened");
            return;
        }
        String currency = opened.getCurrency();
        long balance = 0;
        String status = "OPEN";
        Set<String> transactionIds = new HashSet<>();
        Set<String> transferKeys = new HashSet<>();
        for (StoredEvent stored : stream.subList(1, stream.size())) {
            Object event = stored.event();
            String at = "account " + id + " v" + stored.version();
            if ("CLOSED".equals(status)) {
                violations.add(at + ": event after AccountClosed");
            }
            long delta = 0;
            long after = balance;
            if (event instanceof MoneyDeposited e) {
                delta = e.getAmount();
                after = e.getBalanceAfter();
                net.merge(e.getCurrency(), e.getAmount(), Math::addExact);
                unique(transactionIds, e.getTransactionId(), at + ": transaction id applied twice", violations);
                sameCurrency(currency, e.getCurrency(), at, violations);
            } else if (event instanceof MoneyWithdrawn e) {
                delta = -e.getAmount();
                after = e.getBalanceAfter();
                net.merge(e.getCurrency(), -e.getAmount(), Math::addExact);
                unique(transactionIds, e.getTransactionId(), at + ": transaction id applied twice", violations);
                sameCurrency(currency, e.getCurrency(), at, violations);
            } else if (event instanceof TransferDebited e) {
                delta = -e.getAmount();
                after = e.getBalanceAfter();
                unique(transferKeys, "debit:" + e.getTransferId(), at + ": transfer debited twice", violations);
                step(transferSteps, e.getTransferId(), "debit");
            } else if (event instanceof TransferCredited e) {
                delta = e.getAmount();
                after = e.getBalanceAfter();
                unique(transferKeys, "credit:" + e.getTransferId(), at + ": transfer credited twice", violations);
                step(transferSteps, e.getTransferId(), "credit");
            } else if (event instanceof TransferRefunded e) {
                delta = e.getAmount();
                after = e.getBalanceAfter();
                unique(transferKeys, "refund:" + e.getTransferId(), at + ": transfer refunded twice", violations);
                step(transferSteps, e.getTransferId(), "refund");
            } else if (event instanceof AccountFrozen) {
                status = "FROZEN";
            } else if (event instanceof AccountUnfrozen) {
                status = "OPEN";
            } else if (event instanceof AccountClosed) {
                if (balance != 0) {
                    violations.add(at + ": closed at balance " + balance);
                }
                status = "CLOSED";
            } else {
                violations.add(at + ": unexpected event " + event.getClass().getSimpleName());
            }
            if (balance + delta != after) {
                violations.add(at + ": balance " + balance + " + " + delta + " recorded as " + after);
            }
            balance = after;
            if (balance < -opened.getOverdraftLimit()) {
                violations.add(at + ": balance " + balance + " below overdraft limit " + opened.getOverdraftLimit());
            }
        }
        accounts.put(id, new AccountState(id, opened.getOwnerId(), currency, opened.getOverdraftLimit(), status,
                balance, stream.size()));
    }

    private static void foldTransfer(List<StoredEvent> stream, Map<String, TransferState> transfers,
                                     List<String> violations) {
        String id = stream.get(0).aggregateId();
        if (!(stream.get(0).event() instanceof TransferRequested requested)) {
            violations.add("transfer " + id + " does not start with TransferRequested");
            return;
        }
        String status = "REQUESTED";
        String reason = null;
        for (StoredEvent stored : stream.subList(1, stream.size())) {
            if (!"REQUESTED".equals(status)) {
                violations.add("transfer " + id + " v" + stored.version() + ": event after terminal " + status);
            }
            Object event = stored.event();
            if (event instanceof TransferCompleted) {
                status = "COMPLETED";
            } else if (event instanceof TransferRejected e) {
                status = "REJECTED";
                reason = e.getCode();
            } else if (event instanceof TransferFailed e) {
                status = "FAILED";
                reason = e.getReason();
            } else {
                violations.add("transfer " + id + ": unexpected event " + event.getClass().getSimpleName());
            }
        }
        transfers.put(id, new TransferState(id, requested.getSourceAccountId(), requested.getDestinationAccountId(),
                requested.getAmount(), requested.getCurrency(), status, reason, stream.size()));
    }

    private static void checkSettlement(TransferState transfer, Map<String, Integer> steps, boolean quiescent,
                                        List<String> violations) {
        int debits = steps.getOrDefault("debit", 0);
        int credits = steps.getOrDefault("credit", 0);
        int refunds = steps.getOrDefault("refund", 0);
        String at = "transfer " + transfer.transferId() + " (" + transfer.status() + ")";
        boolean consistent = switch (transfer.status()) {
            case "COMPLETED" -> debits == 1 && credits == 1 && refunds == 0;
            case "REJECTED" -> debits == 0 && credits == 0 && refunds == 0;
            case "FAILED" -> debits == 1 && credits == 0 && refunds == 1;
            default -> debits <= 1 && credits <= 1 && refunds <= 1 && credits + refunds <= debits;
        };
        if (!consistent) {
            violations.add(at + ": " + debits + " debits, " + credits + " credits, " + refunds + " refunds");
        }
        if (quiescent && "REQUESTED".equals(transfer.status())) {
            violations.add(at + ": not terminal at quiescence");
        }
    }

    private static void unique(Set<String> seen, String id, String violation, List<String> violations) {
        if (!seen.add(id)) {
            violations.add(violation + " (" + id + ")");
        }
    }

    private static void sameCurrency(String accountCurrency, String eventCurrency, String at, List<String> violations) {
        if (!accountCurrency.equals(eventCurrency)) {
            violations.add(at + ": " + eventCurrency + " on a " + accountCurrency + " account");
        }
    }

    private static void step(Map<String, Map<String, Integer>> steps, String transferId, String kind) {
        steps.computeIfAbsent(transferId, k -> new HashMap<>()).merge(kind, 1, Integer::sum);
    }
}
