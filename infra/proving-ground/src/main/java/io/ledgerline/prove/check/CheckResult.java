package io.ledgerline.prove.check;

import java.util.List;
import java.util.Map;

/** What the checker read and what it found. */
public record CheckResult(long storeEvents, long accounts, long transfers, Map<String, Long> transfersByStatus,
                          long topicMessages, long topicDuplicates, long readModelsChecked,
                          Map<String, Long> balancesByCurrency, Map<String, Long> netDepositsByCurrency,
                          List<Violation> violations) {
}
