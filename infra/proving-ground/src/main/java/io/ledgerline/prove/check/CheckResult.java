package io.ledgerline.prove.check;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the checker read and what it found. */
public record CheckResult(long storeEvents, long accounts, long transfers, Map<String, Long> transfersByStatus,
                          long topicMessages, long topicDuplicates, long readModelsChecked,
                          Map<String, Long> balancesByCurrency, Map<String, Long> netDepositsByCurrency,
                          List<String> notQuiescent, List<Violation> violations) {

    public boolean isClean() {
        return violations.isEmpty();
    }

    public Map<String, Long> violationsByInvariant() {
        Map<String, Long> counts = new TreeMap<>();
        violations.forEach(v -> counts.merge(v.invariant(), 1L, Long::sum));
        return counts;
    }
}
