package io.ledgerline.command.security;

import static io.ledgerline.testkit.http.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.testkit.http.HttpApi.Response;
import io.ledgerline.testkit.tokens.TokenSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens that must be refused (401) and tokens whose roles must be read correctly. */
class TokenIT extends CommandServiceIT {

    private Response openWith(String token) {
        return api.post("/api/v1/accounts", token, json("ownerId", "alice", "currency", "EUR"));
    }

    private static TokenSpec service() {
        return TokenSpec.of("payments", "service", Duration.ofHours(1));
    }

    @Test
    void acceptsRs256AndEs256Tokens() {
        assertThat(openWith(TOKENS.mint(service())).status()).isEqualTo(201);
        assertThat(openWith(TOKENS.mint(service().withAlgorithm(JWSAlgorithm.ES256))).status()).isEqualTo(201);
    }

    @Test
    void refusesExpiredAndNotYetValidTokens() {
        Instant now = Instant.now();
        assertThat(openWith(TOKENS.mint(service().withValidity(now.minusSeconds(7200), now.minusSeconds(3600))))
                .status()).isEqualTo(401);
        assertThat(openWith(TOKENS.mint(service().withValidity(now.plusSeconds(3600), now.plusSeconds(7200))))
                .status()).isEqualTo(401);
    }

    @Test
    void refusesTheWrongIssuerOrAudience() {
        assertThat(openWith(TOKENS.mint(service().withIssuer("https://evil.example"))).status()).isEqualTo(401);
        assertThat(openWith(TOKENS.mint(service().withAudience("someone-else"))).status()).isEqualTo(401);
    }

    @Test
    void refusesUnsignedTokens() {
        String none = new PlainJWT(claims()).serialize();
        assertThat(openWith(none).status()).isEqualTo(401);
    }

    @Test
    void refusesATamperedSignature() {
        String token = TOKENS.mint(service());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claimsWithRole("operator").toString().getBytes()) + "." + parts[2];
        assertThat(openWith(forged).status()).isEqualTo(401);
        String flipped = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThat(openWith(flipped).status()).isEqualTo(401);
    }

    @Test
    void refusesAnUnknownKey() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("unknown").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown").build(), claims());
        jwt.sign(new RSASSASigner(stranger));
        assertThat(openWith(jwt.serialize()).status()).isEqualTo(401);
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        byte[] publicKey = TOKENS.rsaKey().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(TOKENS.rsaKey().getKeyID()).build(), claims());
        jwt.sign(new MACSigner(publicKey));
        assertThat(openWith(jwt.serialize()).status()).isEqualTo(401);
    }

    @Test
    void readsRolesFromScopesToo() {
        String scoped = TOKENS.mint(service().withRoles(List.of()).withExtraClaims(Map.of("scope", "openid service")));
        assertThat(openWith(scoped).status()).isEqualTo(201);
        String noRole = TOKENS.mint(service().withRoles(List.of("superuser")));
        assertThat(openWith(noRole).status()).isEqualTo(403);
    }

    @Test
    void refusesAnOwnerIdThatIsNotAValidId() {
        String badOwner = TOKENS.mint(TokenSpec.of("not a valid id!", "service", Duration.ofHours(1)));
        Response response = openWith(badOwner);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("forbidden");
    }

    private static JWTClaimsSet claims() {
        return claimsWithRole("service");
    }

    private static JWTClaimsSet claimsWithRole(String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("payments").issuer(TokenSpec.DEFAULT_ISSUER)
                .audience(TokenSpec.DEFAULT_AUDIENCE).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).claim("roles", List.of(role)).build();
    }
}
