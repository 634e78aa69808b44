package io.ledgerline.command.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles of PRODUCT.md §6, as they appear in a token's {@code roles} claim or scopes. */
public enum Role {
    CUSTOMER, SERVICE, OPERATOR, AUDITOR;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + claimValue();
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claimValue().equals(value)).findFirst();
    }

    public static Optional<Role> fromAuthority(String authority) {
        return Arrays.stream(values()).filter(role -> role.authority().equals(authority)).findFirst();
    }
}
