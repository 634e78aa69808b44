package io.ledgerline.testkit.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens minted locally verify the way the services verify them: signature from the served JWK set, iss, aud, exp. */
class LocalTokensTest {

    private static LocalTokens tokens;
    private static JwksServer jwks;

    @BeforeAll
    static void serveKeys() throws Exception {
        tokens = LocalTokens.generate();
        jwks = JwksServer.start(tokens.publicJwkSet(), 0);
    }

    @AfterAll
    static void stopServer() {
        jwks.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void mintedTokenVerifiesAgainstTheServedKeys(String algorithm) throws Exception {
        String token = tokens.mint(TokenSpec.of("alice", "customer", Duration.ofHours(1))
                .withAlgorithm(JWSAlgorithm.parse(algorithm)));

        JWTClaimsSet claims = processor().process(token, null);

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(claims.getIssuer()).isEqualTo("ledgerline-local");
        assertThat(claims.getAudience()).containsExactly("ledgerline");
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String token = tokens.mint(TokenSpec.of("alice", "customer", Duration.ofHours(1))
                .withValidity(past, past.plus(Duration.ofMinutes(5))));

        assertThatThrownBy(() -> processor().process(token, null)).isInstanceOf(BadJWTException.class)
                .hasMessageContaining("xpired");
    }

    @Test
    void tokenFromOtherKeysIsRefused() {
        String foreign = LocalTokens.generate().mint(TokenSpec.of("mallory", "operator", Duration.ofHours(1)));

        assertThatThrownBy(() -> processor().process(foreign, null)).isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("no matching key");
    }

    @Test
    void servesOnlyPublicKeysAsJwkSet() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(jwks.uri())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/jwk-set+json");
        assertThat(response.body()).contains("\"RSA\"", "\"EC\"").doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void storedKeysSurviveAReloadAndStayPrivate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys").resolve("signing-keys.json");
        LocalTokens first = LocalTokens.loadOrCreate(file);
        String token = first.mint(TokenSpec.of("bob", "customer", Duration.ofHours(1)));

        LocalTokens reloaded = LocalTokens.loadOrCreate(file);

        assertThat(reloaded.publicJwkSet().toString()).isEqualTo(first.publicJwkSet().toString());
        try (JwksServer server = JwksServer.start(reloaded.publicJwkSet(), 0)) {
            assertThat(processor(server).process(token, null).getSubject()).isEqualTo("bob");
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    private static DefaultJWTProcessor<SecurityContext> processor() throws Exception {
        return processor(jwks);
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JwksServer server) throws Exception {
        // A fresh source per call: each verification fetches the JWK set from the server.
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(server.uri()).toURL())
                .retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("ledgerline",
                new JWTClaimsSet.Builder().issuer("ledgerline-local").build(), Set.of("sub", "exp", "iat")));
        return processor;
    }
}
