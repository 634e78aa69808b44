package io.ledgerline.prove.check;

import io.ledgerline.contracts.account.AccountOpened;
import io.ledgerline.contracts.account.MoneyDeposited;
import io.ledgerline.contracts.account.MoneyWithdrawn;
import io.ledgerline.contracts.account.TransferCredited;
import io.ledgerline.contracts.account.TransferDebited;
import io.ledgerline.contracts.account.TransferRefunded;
import io.ledgerline.contracts.transfer.TransferRejected;
import io.ledgerline.prove.workload.Attempt;
import io.ledgerline.prove.workload.Operation;
import io.ledgerline.prove.workload.OperationLog;
import io.ledgerline.prove.workload.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@code insufficient-funds} refusal was decided on state no older than what clients had already been told:
 * there is a version of the account, at or after the last version acknowledged to any client before the refused
 * request was sent, whose balance plus overdraft limit is below the amount. A refusal appends nothing, so a command
 * decided on a stale copy of the account (a cache another instance has overtaken) conflicts with nothing and is
 * visible only this way. Checked for withdrawals (each refused attempt) and for transfers rejected by their debit
 * (the request's first attempt; the debit is decided later, so any version from then on justifies it).
 */
final class RefusalCheck {

    static final String CODE = "insufficient-funds";

    /** An account's state after one of its events. */
    private record State(long balance, long overdraftLimit) {
    }

    /** One acknowledgement of an account's version, when the client had it. */
    private record Ack(long endNanos, long version) {
    }

    private RefusalCheck() {
    }

    /** How many refusals were checked; violations are added to {@code violations}. */
    static int check(OperationLog log, List<StoreEvent> store, List<Violation> violations) {
        Map<String, TreeMap<Long, State>> states = new HashMap<>();
        Map<String, String> rejectedTransfers = new HashMap<>();
        for (StoreEvent e : store) {
            if (e.account()) {
                TreeMap<Long, State> history = states.computeIfAbsent(e.aggregate(), a -> new TreeMap<>());
                State before = history.isEmpty() ? new State(0, 0) : history.lastEntry().getValue();
                history.put(e.version(), after(before, e));
            } else if (e.event() instanceof TransferRejected rejected) {
                rejectedTransfers.put(e.aggregate(), rejected.getCode());
            }
        }
        Map<String, List<Ack>> acks = new HashMap<>();
        for (OperationLog.Entry entry : log.entries()) {
            Operation op = entry.operation();
            if (op.kind() == Operation.Kind.TRANSFER) {
                continue; // a transfer's acknowledged version is the transfer's, not an account's
            }
            for (Attempt a : entry.attempts()) {
                if (a.outcome() == Outcome.OK && a.version() > 0) {
                    acks.computeIfAbsent(op.accountId(), k -> new ArrayList<>()).add(new Ack(a.endNanos(), a.version()));
                }
            }
        }
        int checked = 0;
        for (OperationLog.Entry entry : log.entries()) {
            Operation op = entry.operation();
            List<Attempt> attempts = entry.attempts();
            if (op.kind() == Operation.Kind.WITHDRAW) {
                for (Attempt a : attempts) {
                    if (a.outcome() == Outcome.REJECTED && CODE.equals(a.code())) {
                        checked++;
                        justify(op, a.startNanos(), states, acks, "refused " + a.describe(), entry, violations);
                    }
                }
            } else if (op.kind() == Operation.Kind.TRANSFER && CODE.equals(rejectedTransfers.get(op.referenceId()))
                    && !attempts.isEmpty()) {
                checked++;
                long firstSent = attempts.stream().mapToLong(Attempt::startNanos).min().orElseThrow();
                justify(op, firstSent, states, acks, "transfer rejected " + CODE, entry, violations);
            }
        }
        return checked;
    }

    private static void justify(Operation op, long sentNanos, Map<String, TreeMap<Long, State>> states,
                                Map<String, List<Ack>> acks, String what, OperationLog.Entry entry,
                                List<Violation> violations) {
        long known = acks.getOrDefault(op.accountId(), List.of()).stream()
                .filter(ack -> ack.endNanos() < sentNanos).mapToLong(Ack::version).max().orElse(1);
        TreeMap<Long, State> history = states.getOrDefault(op.accountId(), new TreeMap<>());
        boolean justified = history.tailMap(known, true).values().stream()
                .anyMatch(state -> state.balance() + state.overdraftLimit() < op.amount());
        if (!justified) {
            violations.add(new Violation("refusal-on-current-state", what + " for " + op.amount() + ", but from v"
                    + known + " (acknowledged before it was sent) on the account's balance was "
                    + history.tailMap(known, true).values().stream().mapToLong(State::balance).summaryStatistics()
                    + " with overdraft " + (history.isEmpty() ? "?" : history.lastEntry().getValue().overdraftLimit())
                    + ": " + op + " " + entry.history()));
        }
    }

    private static State after(State before, StoreEvent e) {
        Object event = e.event();
        if (event instanceof AccountOpened opened) {
            return new State(0, opened.getOverdraftLimit());
        } else if (event instanceof MoneyDeposited d) {
            return new State(d.getBalanceAfter(), before.overdraftLimit());
        } else if (event instanceof MoneyWithdrawn w) {
            return new State(w.getBalanceAfter(), before.overdraftLimit());
        } else if (event instanceof TransferDebited d) {
            return new State(d.getBalanceAfter(), before.overdraftLimit());
        } else if (event instanceof TransferCredited c) {
            return new State(c.getBalanceAfter(), before.overdraftLimit());
        } else if (event instanceof TransferRefunded r) {
            return new State(r.getBalanceAfter(), before.overdraftLimit());
        }
        return before; // frozen, unfrozen, closed: the balance stays
    }
}
