package io.ledgerline.command.ledger;

import io.ledgerline.command.web.Problems;
import java.util.List;

/** Test only: a dependency of {@code ledger} on {@code web}, for {@code CycleRuleTest} to find as a cycle. */
final class CycleProbe {

    private CycleProbe() {
    }

    static Object problem() {
        return Problems.validationFailed("probe", List.of());
    }
}
