package io.ledgerline.command.security;

import io.ledgerline.command.ledger.Caller;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/** The authenticated principal: its id (the owner claim of its token) and its roles. */
public record LedgerPrincipal(String id, Set<Role> roles) {

    /**
     * The caller the domain sees for an operation: trusted when a role allows it on any account, limited to its
     * own accounts when only the customer role allows it.
     *
     * @throws AccessDeniedException when no role of the principal allows the operation (403)
     */
    public Caller callerFor(Operation operation) {
        if (operation.allowsEverywhere(roles)) {
            return Caller.trusted(id);
        }
        if (operation.allowsOwnOnly(roles)) {
            return Caller.customer(id);
        }
        throw new AccessDeniedException("role does not allow " + operation);
    }
}
