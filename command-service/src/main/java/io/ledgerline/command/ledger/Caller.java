package io.ledgerline.command.ledger;

/**
 * Who sends a command, as far as the domain cares: a principal id, and whether it may act only on accounts it
 * owns (a customer) or on any account (a service or an operator). Roles themselves stay in the web layer.
 */
public record Caller(String principal, boolean ownAccountsOnly) {

    public static Caller customer(String principal) {
        return new Caller(principal, true);
    }

    public static Caller trusted(String principal) {
        return new Caller(principal, false);
    }

    public boolean mayActOnAccountOf(String ownerId) {
        return !ownAccountsOnly || principal.equals(ownerId);
    }
}
