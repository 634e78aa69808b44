package io.ledgerline.command.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What each role may do on the command side (PRODUCT.md §6). {@code everywhere} roles act on any account;
 * {@code ownOnly} roles act only on what they own, and another owner's account looks missing to them.
 */
public enum Operation {
    OPEN_ACCOUNT(EnumSet.of(Role.SERVICE, Role.OPERATOR), EnumSet.of(Role.CUSTOMER)),
    DEPOSIT(EnumSet.of(Role.SERVICE, Role.OPERATOR), EnumSet.noneOf(Role.class)),
    WITHDRAW(EnumSet.of(Role.SERVICE, Role.OPERATOR), EnumSet.of(Role.CUSTOMER)),
    TRANSFER(EnumSet.of(Role.SERVICE, Role.OPERATOR), EnumSet.of(Role.CUSTOMER)),
    FREEZE(EnumSet.of(Role.OPERATOR), EnumSet.noneOf(Role.class)),
    UNFREEZE(EnumSet.of(Role.OPERATOR), EnumSet.noneOf(Role.class)),
    CLOSE(EnumSet.of(Role.OPERATOR), EnumSet.noneOf(Role.class)),
    READ_COMMAND(EnumSet.of(Role.OPERATOR, Role.AUDITOR), EnumSet.of(Role.CUSTOMER, Role.SERVICE)),
    ADMIN(EnumSet.of(Role.OPERATOR), EnumSet.noneOf(Role.class));

    private final Set<Role> everywhere;
    private final Set<Role> ownOnly;

    Operation(Set<Role> everywhere, Set<Role> ownOnly) {
        this.everywhere = everywhere;
        this.ownOnly = ownOnly;
    }

    /** Every role that may perform the operation at all; the web layer refuses the others before parsing. */
    public Set<Role> roles() {
        Set<Role> all = EnumSet.noneOf(Role.class);
        all.addAll(everywhere);
        all.addAll(ownOnly);
        return all;
    }

    boolean allowsEverywhere(Set<Role> roles) {
        return roles.stream().anyMatch(everywhere::contains);
    }

    boolean allowsOwnOnly(Set<Role> roles) {
        return roles.stream().anyMatch(ownOnly::contains);
    }
}
