package io.ledgerline.query.security;

import io.ledgerline.contracts.TokenClaims;
import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The principal is the token's owner id and its authorities are its roles, both read by {@link TokenClaims} (the
 * command-service reads tokens with the same class). A token whose owner id is missing or does not match the id
 * pattern gets no roles and an empty name, so every protected operation answers 403.
 */
@Component
public class LedgerJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String ownerClaim;

    public LedgerJwtConverter(SecurityProperties properties) {
        this.ownerClaim = properties.ownerClaim();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<SimpleGrantedAuthority> authorities = TokenClaims.roleNames(jwt.getClaims(), ownerClaim).stream()
                .map(Role::ofClaimValue).flatMap(Optional::stream)
                .map(role -> new SimpleGrantedAuthority(role.authority())).toList();
        String ownerId = TokenClaims.ownerId(jwt.getClaims(), ownerClaim).orElse("");
        return new JwtAuthenticationToken(jwt, authorities, ownerId);
    }
}
