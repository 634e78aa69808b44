package io.ledgerline.query.security;

import io.ledgerline.contracts.LedgerLimits;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Roles from the {@code roles} claim and from scopes ({@code scope}, {@code scp}) whose value is a role name;
 * unknown values are ignored. The principal name is the owner claim. A token whose owner id does not match the
 * id pattern gets no roles at all, so every protected operation answers 403.
 */
@Component
public class LedgerJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String ownerClaim;

    public LedgerJwtConverter(SecurityProperties properties) {
        this.ownerClaim = properties.ownerClaim();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Object claim = jwt.getClaims().get(ownerClaim);
        String ownerId = claim instanceof String value ? value : null;
        Set<Role> roles = LedgerLimits.isValidId(ownerId) ? rolesOf(jwt) : EnumSet.noneOf(Role.class);
        List<SimpleGrantedAuthority> authorities = roles.stream()
                .map(role -> new SimpleGrantedAuthority(role.authority())).toList();
        return new JwtAuthenticationToken(jwt, authorities, ownerId == null ? "" : ownerId);
    }

    private static Set<Role> rolesOf(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String claim : List.of("roles", "scope", "scp")) {
            for (String value : values(jwt.getClaims().get(claim))) {
                Role.ofClaimValue(value).ifPresent(roles::add);
            }
        }
        return roles;
    }

    private static List<String> values(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        if (claim instanceof Collection<?> items) {
            return items.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
