package io.ledgerline.prove.check;

import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.transfer.TransferRequested;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.prove.workload.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the clients were told against what the store holds: every operation acknowledged OK is in the event store
 * exactly once (with the content that was sent), every refused one never, every unknown one at most once; a retry
 * after an acknowledgement is not refused; and nothing is in the store that no client asked for.
 */
final class OperationCheck {

    /** What the store holds for one operation key. */
    private record Applied(String kind, long amount, String currency, String counterparty, StoreEvent event) {
    }

    private OperationCheck() {
    }

    static void check(OperationLog log, List<StoreEvent> store, List<Violation> violations) {
        Map<String, List<Applied>> applied = new HashMap<>();
        for (StoreEvent e : store) {
            if (e.event() instanceof MoneyDeposited d) {
                add(applied, "money|" + e.aggregate() + "|" + d.getTransactionId(),
                        new Applied("DEPOSIT", d.getAmount(), d.getCurrency(), null, e));
            } else if (e.event() instanceof MoneyWithdrawn w) {
                add(applied, "money|" + e.aggregate() + "|" + w.getTransactionId(),
                        new Applied("WITHDRAW", w.getAmount(), w.getCurrency(), null, e));
            } else if (e.event() instanceof TransferRequested t) {
                add(applied, "transfer|" + e.aggregate(), new Applied("TRANSFER", t.getAmount(), t.getCurrency(),
                        t.getSourceAccountId() + "->" + t.getDestinationAccountId(), e));
            } else if (e.event() instanceof AccountOpened o) {
                add(applied, "open|" + e.aggregate(), new Applied("OPEN", o.getOverdraftLimit(), o.getCurrency(),
                        o.getOwnerId(), e));
            }
        }
        Map<String, OperationLog.Entry> asked = new HashMap<>();
        for (OperationLog.Entry entry : log.entries()) {
            Operation op = entry.operation();
            asked.put(op.key(), entry);
            List<Applied> found = applied.getOrDefault(op.key(), List.of());
            Outcome verdict = entry.verdict();
            String what = op + " " + entry.history();
            if (verdict == Outcome.OK && found.size() != 1) {
                violations.add(new Violation("acknowledged-exactly-once", "acknowledged but stored " + found.size()
                        + " times: " + what));
            } else if (verdict == Outcome.REJECTED && !found.isEmpty()) {
                violations.add(new Violation("rejected-never", "refused on every attempt but stored "
                        + found.size() + " times: " + what + " at " + where(found)));
            } else if (verdict == Outcome.UNKNOWN && found.size() > 1) {
                violations.add(new Violation("unknown-at-most-once", "stored " + found.size() + " times: " + what));
            }
            for (Applied a : found) {
                if (!sameContent(op, a)) {
                    violations.add(new Violation("stored-as-sent", "stored as " + a.kind() + " " + a.amount() + " "
                            + a.currency() + (a.counterparty() == null ? "" : " " + a.counterparty()) + " at "
                            + where(List.of(a)) + " but sent " + what));
                }
            }
            refusedAfterAcknowledged(entry, violations);
        }
        applied.forEach((key, found) -> {
            if (!asked.containsKey(key)) {
                violations.add(new Violation("nothing-unasked", "stored but never sent by the workload: " + key
                        + " at " + where(found)));
            }
        });
    }

    /**
     * A retry (same ids, same content) of an acknowledged operation must answer with the original outcome. Only
     * attempts that started after an acknowledgement had arrived count, and a rate limit may refuse anything.
     */
    private static void refusedAfterAcknowledged(OperationLog.Entry entry, List<Violation> violations) {
        List<Attempt> attempts = new ArrayList<>(entry.attempts());
        attempts.sort(Comparator.comparingLong(Attempt::startNanos));
        long firstAckEnd = Long.MAX_VALUE;
        for (Attempt a : attempts) {
            if (a.outcome() == Outcome.OK) {
                firstAckEnd = Math.min(firstAckEnd, a.endNanos());
            }
        }
        for (Attempt a : attempts) {
            if (a.outcome() == Outcome.REJECTED && a.startNanos() > firstAckEnd && a.status() != 429) {
                violations.add(new Violation("retry-answers-original", "a retry after the acknowledgement was "
                        + "refused (" + a.describe() + "): " + entry.operation() + " " + entry.history()));
                return;
            }
        }
    }

    private static boolean sameContent(Operation op, Applied a) {
        return switch (op.kind()) {
            case OPEN -> a.kind().equals("OPEN") && a.amount() == op.overdraftLimit()
                    && a.currency().equals(op.currency()) && op.ownerId().equals(a.counterparty());
            case DEPOSIT, WITHDRAW -> a.kind().equals(op.kind().name()) && a.amount() == op.amount()
                    && a.currency().equals(op.currency());
            case TRANSFER -> a.kind().equals("TRANSFER") && a.amount() == op.amount()
                    && a.currency().equals(op.currency())
                    && a.counterparty().equals(op.accountId() + "->" + op.counterpartyId());
        };
    }

    private static String where(List<Applied> found) {
        return found.stream().map(a -> a.event().streamKey() + " v" + a.event().version()).toList().toString();
    }

    private static void add(Map<String, List<Applied>> applied, String key, Applied value) {
        applied.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
