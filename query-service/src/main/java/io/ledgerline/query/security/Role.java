package io.ledgerline.query.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles a token can carry, by their claim value (lower case). */
public enum Role {
    CUSTOMER("customer"), SERVICE("service"), OPERATOR("operator"), AUDITOR("auditor");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    public String claimValue() {
        return claimValue;
    }

    public String authority() {
        return "ROLE_" + claimValue;
    }

    public static Optional<Role> ofClaimValue(String value) {
        return Arrays.stream(values()).filter(role -> role.claimValue.equals(value)).findFirst();
    }

    public static Optional<Role> ofAuthority(String authority) {
        return Arrays.stream(values()).filter(role -> role.authority().equals(authority)).findFirst();
    }
}
