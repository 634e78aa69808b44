package io.ledgerline.query.security;

import io.ledgerline.query.web.ForbiddenException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is reading, and what the role table (PRODUCT.md §6) lets them read. The query services ask it about
 * the documents they loaded, so ownership holds whatever route a request took.
 */
public record Reader(String ownerId, Set<Role> roles) {

    public Reader {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public static Reader of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.ofAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        return new Reader(authentication.getName(), roles);
    }

    /** Service, operator and auditor read any account, statement or transfer by id. */
    public boolean readsAnyById() {
        return roles.contains(Role.SERVICE) || roles.contains(Role.OPERATOR) || roles.contains(Role.AUDITOR);
    }

    public boolean isOwner(String resourceOwnerId) {
        return roles.contains(Role.CUSTOMER) && ownerId.equals(resourceOwnerId);
    }

    public boolean mayRead(String resourceOwnerId) {
        return readsAnyById() || isOwner(resourceOwnerId);
    }

    /**
     * The owner filter a list or summary runs with: operators and auditors see what they ask for (empty: all),
     * a customer sees its own accounts only.
     *
     * @throws ForbiddenException for another owner's id, or a role without lists
     */
    public Optional<String> ownerFilter(String requestedOwnerId) {
        if (roles.contains(Role.OPERATOR) || roles.contains(Role.AUDITOR)) {
            return Optional.ofNullable(requestedOwnerId);
        }
        if (roles.contains(Role.CUSTOMER)) {
            if (requestedOwnerId == null || requestedOwnerId.equals(ownerId)) {
                return Optional.of(ownerId);
            }
            throw new ForbiddenException("A customer can only read its own accounts.");
        }
        throw new ForbiddenException("This role cannot list accounts.");
    }
}
