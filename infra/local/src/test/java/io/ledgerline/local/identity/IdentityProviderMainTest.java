package io.ledgerline.local.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ledgerline.local.identity.IdentityProviderMain.Command;
import io.ledgerline.local.identity.IdentityProviderMain.Options;
import io.ledgerline.testkit.tokens.JwksServer;
import io.ledgerline.testkit.tokens.LocalTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose stack's identity provider: what it serves verifies what it mints, with the stack's issuer. */
class IdentityProviderMainTest {

    private static final Map<String, String> COMPOSE_ENV = Map.of("LEDGERLINE_DATA_DIR", "/var/lib/identity",
            "LEDGERLINE_JWT_ISSUER", "ledgerline-compose", "LEDGERLINE_JWT_AUDIENCE", "ledgerline");

    @TempDir
    Path data;

    @Test
    void servedKeysVerifyMintedTokensWithTheConfiguredIssuerAndAudience() throws Exception {
        JwksServer server = IdentityProviderMain.serve(data, 0);
        try {
            Options request = Options.parse(List.of("token", "--role", "operator", "--sub", "ops", "--alg", "ES256",
                    "--data", data.toString()), COMPOSE_ENV);
            String token = IdentityProviderMain.mint(request);

            URI jwks = URI.create("http://127.0.0.1:" + server.port() + JwksServer.PATH);
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                    JWKSourceBuilder.create(jwks.toURL()).retrying(false).build()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("ledgerline",
                    new JWTClaimsSet.Builder().issuer("ledgerline-compose").build(), Set.of("sub", "exp", "roles")));
            JWTClaimsSet claims = processor.process(token, null);

            assertThat(claims.getSubject()).isEqualTo("ops");
            assertThat(claims.getStringListClaim("roles")).containsExactly("operator");
        } finally {
            server.close();
        }
    }

    @Test
    void keysSurviveARestart() throws Exception {
        JwksServer first = IdentityProviderMain.serve(data, 0);
        first.close();
        String before = LocalTokens.loadOrCreate(data.resolve("keys/signing-keys.json")).rsaKey().getKeyID();

        JwksServer second = IdentityProviderMain.serve(data, 0);
        second.close();

        assertThat(LocalTokens.loadOrCreate(data.resolve("keys/signing-keys.json")).rsaKey().getKeyID())
                .isEqualTo(before);
    }

    @Test
    void serveTakesTheDataFolderFromTheEnvironmentAndDefaultsThePort() {
        Options options = Options.parse(List.of("serve"), COMPOSE_ENV);

        assertThat(options.command()).isEqualTo(Command.SERVE);
        assertThat(options.data()).isEqualTo(Path.of("/var/lib/identity"));
        assertThat(options.port()).isEqualTo(IdentityProviderMain.DEFAULT_PORT);
    }

    @Test
    void tokenDefaultsFollowTheEnvironmentAndOptionsOverrideThem() {
        Options defaults = Options.parse(List.of("token", "--role", "customer", "--sub", "alice"), COMPOSE_ENV);
        Options explicit = Options.parse(List.of("token", "--role=customer", "--sub=alice", "--ttl=30m",
                "--issuer=other", "--audience=api"), Map.of("LEDGERLINE_DATA_DIR", "/d"));

        assertThat(defaults.issuer()).isEqualTo("ledgerline-compose");
        assertThat(defaults.ttl()).isEqualTo(Duration.ofHours(12));
        assertThat(defaults.algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(explicit.issuer()).isEqualTo("other");
        assertThat(explicit.audience()).isEqualTo("api");
        assertThat(explicit.ttl()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> Options.parse(List.of(), COMPOSE_ENV)).hasMessageContaining("serve or token");
        assertThatThrownBy(() -> Options.parse(List.of("serve", "--role", "operator"), COMPOSE_ENV))
                .hasMessageContaining("unknown argument for serve");
        assertThatThrownBy(() -> Options.parse(List.of("token", "--port", "1", "--role", "operator", "--sub", "x"),
                COMPOSE_ENV)).hasMessageContaining("unknown argument for token");
        assertThatThrownBy(() -> Options.parse(List.of("token", "--role", "admin", "--sub", "x"), COMPOSE_ENV))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> Options.parse(List.of("token", "--role", "operator"), COMPOSE_ENV))
                .hasMessageContaining("--role and --sub");
        assertThatThrownBy(() -> Options.parse(List.of("serve"), Map.of()))
                .hasMessageContaining("LEDGERLINE_DATA_DIR");
        assertThatThrownBy(() -> Options.parse(List.of("serve", "--port", "99999"), COMPOSE_ENV))
                .hasMessageContaining("not a port");
    }
}
