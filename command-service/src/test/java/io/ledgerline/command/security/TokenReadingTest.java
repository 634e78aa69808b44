package io.ledgerline.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.contracts.TokenClaims;
import io.ledgerline.testkit.tokens.TokenCases;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The shared token table ({@link TokenCases}), read through this service's converter; the query-service runs it
 * too.
 */
class TokenReadingTest {

    static Stream<Arguments> cases() {
        return TokenCases.ALL.stream().map(tokenCase -> Arguments.of(tokenCase.name(), tokenCase));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claims(all -> all.putAll(claims)).build();
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTokenNamesTheOwnerAndRolesTheSharedTableGives(String name, TokenCases.Case tokenCase) {
        Authentication authentication = SecurityConfig.jwtConverter(new SecurityProperties(tokenCase.ownerClaim(),
                false)).convert(jwt(tokenCase.claims()));
        SecurityContextHolder.getContext().setAuthentication(authentication);

        if (tokenCase.owner() == null) {
            assertThat(authentication.getAuthorities()).isEmpty();
            assertThatThrownBy(LedgerPrincipalResolver::current).isInstanceOf(AccessDeniedException.class);
        } else {
            LedgerPrincipal principal = LedgerPrincipalResolver.current();
            assertThat(principal.id()).isEqualTo(tokenCase.owner());
            assertThat(principal.roles().stream().map(Role::claimValue))
                    .containsExactlyInAnyOrderElementsOf(tokenCase.roles());
        }
    }

    @Test
    void theRolesAreTheContractsRoleNames() {
        assertThat(Arrays.stream(Role.values()).map(Role::claimValue))
                .containsExactlyElementsOf(TokenClaims.ROLE_NAMES);
    }
}
