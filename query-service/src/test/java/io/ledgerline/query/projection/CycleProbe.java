package io.ledgerline.query.projection;

import io.ledgerline.query.web.ForbiddenException;

/** Test only: a dependency of {@code projection} on {@code web}, for {@code CycleRuleTest} to find as a cycle. */
final class CycleProbe {

    private CycleProbe() {
    }

    static RuntimeException refusal() {
        return new ForbiddenException("probe");
    }
}
