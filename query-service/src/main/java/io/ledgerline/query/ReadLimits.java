package io.ledgerline.query;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounds on what one principal, and all of them together, can make one query-service instance do.
 *
 * @param enabled            off only for load tests of the ledger itself
 * @param perPrincipal       token bucket per principal on every {@code /api/**} read, unless its role has its own
 * @param roles              buckets by role name (operator, auditor, service, customer); a principal with several
 *                           roles gets the most generous, so operators and load tests are not starved
 * @param maxConcurrentWaits {@code ?minVersion} reads that may wait for the projection at once on this instance;
 *                           beyond it a read that is not already satisfied is answered 503 {@code overloaded}
 * @param waitExemptRoles    roles whose waits are not counted against that bound
 */
@ConfigurationProperties("ledgerline.query.limits")
public record ReadLimits(@DefaultValue("true") boolean enabled,
                         @DefaultValue Rate perPrincipal,
                         Map<String, Rate> roles,
                         @DefaultValue("100") int maxConcurrentWaits,
                         @DefaultValue("operator") Set<String> waitExemptRoles) {

    public ReadLimits {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        waitExemptRoles = Set.copyOf(waitExemptRoles);
    }

    /** {@code burst} reads at once, refilled at {@code perSecond}. */
    public record Rate(@DefaultValue("200") long perSecond, @DefaultValue("400") long burst) {
    }
}
