package io.ledgerline.testkit.tokens;

import java.util.List;
import java.util.Map;

/**
 * Token claims and what each must mean: the one table both services' token tests run against their own
 * converters, so that a token reads the same on the command side and the query side (docs/product.md §6).
 */
public final class TokenCases {

    /**
     * @param ownerClaim the owner claim the service is configured with
     * @param owner      the owner id the service must act for, or null when the token has no valid owner id (then
     *                   it has no roles either)
     * @param roles      the role names granted, in the order of {@code TokenClaims.ROLE_NAMES}
     */
    public record Case(String name, String ownerClaim, Map<String, Object> claims, String owner, List<String> roles) {
    }

    public static final List<Case> ALL = List.of(
            new Case("roles as a list", "sub", Map.of("sub", "alice", "roles", List.of("customer")),
                    "alice", List.of("customer")),
            new Case("roles as a space-separated string", "sub",
                    Map.of("sub", "svc-1", "roles", "operator service"), "svc-1", List.of("service", "operator")),
            new Case("a scope string with other scopes", "sub", Map.of("sub", "svc-1", "scope", "read:all auditor"),
                    "svc-1", List.of("auditor")),
            new Case("a scope string with runs of white space", "sub",
                    Map.of("sub", "svc-1", "scope", "  customer\t service "), "svc-1", List.of("customer", "service")),
            new Case("scp as a list", "sub", Map.of("sub", "svc-1", "scp", List.of("service", "operator")),
                    "svc-1", List.of("service", "operator")),
            new Case("roles and scopes together", "sub",
                    Map.of("sub", "ops.1", "roles", List.of("customer"), "scope", "operator"),
                    "ops.1", List.of("customer", "operator")),
            new Case("unknown and wrongly cased names are ignored", "sub",
                    Map.of("sub", "alice", "roles", List.of("admin", "Operator", "customer")),
                    "alice", List.of("customer")),
            new Case("values that are not strings are ignored", "sub",
                    Map.of("sub", "alice", "roles", List.of(1, true, "auditor")), "alice", List.of("auditor")),
            new Case("a roles claim that is neither list nor string grants nothing", "sub",
                    Map.of("sub", "alice", "roles", 7), "alice", List.of()),
            new Case("an empty scope grants nothing", "sub", Map.of("sub", "alice", "scope", ""), "alice", List.of()),
            new Case("an owner id outside the id pattern has no roles", "sub",
                    Map.of("sub", "alice smith", "roles", List.of("operator")), null, List.of()),
            new Case("no owner claim, no roles", "sub", Map.of("roles", List.of("operator"), "other", "x"),
                    null, List.of()),
            new Case("an owner claim that is not a string, no roles", "sub",
                    Map.of("sub", 42, "roles", List.of("operator")), null, List.of()),
            new Case("the configured owner claim, not sub", "customer_id",
                    Map.of("sub", "auth0|123", "customer_id", "cust-9", "roles", List.of("customer")),
                    "cust-9", List.of("customer")));

    private TokenCases() {
    }
}
