package io.ledgerline.testkit.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a minted token says. Tests change one member at a time to make tokens that must be refused
 * (expired, not yet valid, wrong issuer or audience).
 */
public record TokenSpec(String subject, List<String> roles, String issuer, String audience, Instant issuedAt,
                        Instant notBefore, Instant expiresAt, JWSAlgorithm algorithm, Map<String, Object> extraClaims) {

    public static final String DEFAULT_ISSUER = "ledgerline-local";
    public static final String DEFAULT_AUDIENCE = "ledgerline";

    /** A token valid for {@code ttl} from now, signed with RS256 by the default issuer for the default audience. */
    public static TokenSpec of(String subject, String role, Duration ttl) {
        Instant now = Instant.now();
        return new TokenSpec(subject, List.of(role), DEFAULT_ISSUER, DEFAULT_AUDIENCE, now, now, now.plus(ttl),
                JWSAlgorithm.RS256, Map.of());
    }

    public TokenSpec withIssuer(String value) {
        return new TokenSpec(subject, roles, value, audience, issuedAt, notBefore, expiresAt, algorithm, extraClaims);
    }

    public TokenSpec withAudience(String value) {
        return new TokenSpec(subject, roles, issuer, value, issuedAt, notBefore, expiresAt, algorithm, extraClaims);
    }

    public TokenSpec withValidity(Instant from, Instant until) {
        return new TokenSpec(subject, roles, issuer, audience, from, from, until, algorithm, extraClaims);
    }

    public TokenSpec withAlgorithm(JWSAlgorithm value) {
        return new TokenSpec(subject, roles, issuer, audience, issuedAt, notBefore, expiresAt, value, extraClaims);
    }

    public TokenSpec withRoles(List<String> value) {
        return new TokenSpec(subject, value, issuer, audience, issuedAt, notBefore, expiresAt, algorithm, extraClaims);
    }

    public TokenSpec withExtraClaims(Map<String, Object> value) {
        return new TokenSpec(subject, roles, issuer, audience, issuedAt, notBefore, expiresAt, algorithm, value);
    }
}
