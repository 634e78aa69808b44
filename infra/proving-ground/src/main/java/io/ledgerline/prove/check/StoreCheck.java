package io.ledgerline.prove.check;

import io.ledgerline.testkit.audit.LedgerAudit;
import io.ledgerline.testkit.audit.StoredEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event store on its own: versions unique and contiguous per aggregate, event ids unique, and the ledger
 * invariants of {@link LedgerAudit} at quiescence (money conserved per currency, no balance below its overdraft
 * limit, every id applied at most once, every transfer terminal and settled consistently).
 */
final class StoreCheck {

    private StoreCheck() {
    }

    static LedgerAudit.Report check(List<StoreEvent> store, List<Violation> violations) {
        Set<String> versions = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        for (StoreEvent e : store) {
            if (!versions.add(e.streamKey() + "#" + e.version())) {
                violations.add(new Violation("versions-unique", e.streamKey() + " has version " + e.version()
                        + " twice (global index " + e.globalIndex() + ")"));
            }
            if (!eventIds.add(e.eventId())) {
                violations.add(new Violation("event-ids-unique", "event id " + e.eventId() + " stored twice ("
                        + e.streamKey() + " v" + e.version() + ")"));
            }
        }
        List<StoredEvent> accounts = store.stream().filter(StoreEvent::account).map(StoreEvent::toStoredEvent)
                .toList();
        List<StoredEvent> transfers = store.stream().filter(e -> !e.account()).map(StoreEvent::toStoredEvent)
                .toList();
        LedgerAudit.Report report = LedgerAudit.audit(accounts, transfers, true);
        for (String violation : report.violations()) {
            violations.add(new Violation(classify(violation), violation));
        }
        return report;
    }

    /** Names the invariant behind one of {@link LedgerAudit}'s messages. */
    private static String classify(String violation) {
        if (violation.contains("not contiguous")) {
            return "versions-contiguous";
        }
        if (violation.contains("money not conserved")) {
            return "money-conserved";
        }
        if (violation.contains("overdraft")) {
            return "overdraft-limit";
        }
        if (violation.contains("not terminal")) {
            return "transfers-terminal";
        }
        if (violation.contains("twice")) {
            return "applied-at-most-once";
        }
        return "ledger-consistent";
    }
}
