package io.ledgerline.contracts;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a bearer token names its holder and its roles (docs/product.md §6), read by both services through this one
 * class so the two cannot drift apart:
 *
 * <ul>
 *   <li>the owner id is the value of the configured owner claim (default {@code sub}), a string that is a valid
 *       ledger id ({@link LedgerLimits#isValidId});</li>
 *   <li>the roles are the values of the {@code roles}, {@code scope} and {@code scp} claims, each either a list of
 *       strings or one string of space-separated values, that are a role name ({@link #ROLE_NAMES}, lower case);
 *       any other value is ignored;</li>
 *   <li>a token without a valid owner id has no roles at all, so every protected operation answers 403.</li>
 * </ul>
 */
public final class TokenClaims {

    /** The owner claim unless configured otherwise. */
    public static final String DEFAULT_OWNER_CLAIM = "sub";
    /** The claims whose values may name roles, in the order they are read. */
    public static final List<String> ROLE_CLAIMS = List.of("roles", "scope", "scp");
    /** The roles of docs/product.md §6, as a token names them. */
    public static final List<String> ROLE_NAMES = List.of("customer", "service", "operator", "auditor");

    private TokenClaims() {
    }

    /** The token's owner id, if its owner claim holds a valid ledger id. */
    public static Optional<String> ownerId(Map<String, ?> claims, String ownerClaim) {
        return claims.get(ownerClaim) instanceof String id && LedgerLimits.isValidId(id) ? Optional.of(id)
                : Optional.empty();
    }

    /** The role names the token grants (none without a valid owner id), in the order of {@link #ROLE_NAMES}. */
    public static List<String> roleNames(Map<String, ?> claims, String ownerClaim) {
        if (ownerId(claims, ownerClaim).isEmpty()) {
            return List.of();
        }
        Set<String> named = new LinkedHashSet<>();
        for (String claim : ROLE_CLAIMS) {
            named.addAll(values(claims.get(claim)));
        }
        return ROLE_NAMES.stream().filter(named::contains).toList();
    }

    private static List<String> values(Object claim) {
        if (claim instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
        }
        if (claim instanceof Collection<?> items) {
            return items.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
