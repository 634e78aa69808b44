package io.ledgerline.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.TokenClaims;
import io.ledgerline.testkit.tokens.TokenCases;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The shared token table ({@link TokenCases}), read through this service's converter; the command-service runs it
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aTokenNamesTheOwnerAndRolesTheSharedTableGives(String name, TokenCases.Case tokenCase) {
        LedgerJwtConverter converter = new LedgerJwtConverter(new SecurityProperties(tokenCase.ownerClaim(), false));

        Reader reader = Reader.of(converter.convert(jwt(tokenCase.claims())));

        assertThat(reader.roles().stream().map(Role::claimValue))
                .containsExactlyInAnyOrderElementsOf(tokenCase.roles());
        if (tokenCase.owner() == null) {
            assertThat(reader.roles()).isEmpty();
            assertThat(reader.ownerId()).isEmpty();
        } else {
            assertThat(reader.ownerId()).isEqualTo(tokenCase.owner());
        }
    }

    @Test
    void theRolesAreTheContractsRoleNames() {
        assertThat(Arrays.stream(Role.values()).map(Role::claimValue))
                .containsExactlyElementsOf(TokenClaims.ROLE_NAMES);
    }
}
