package io.ledgerline.command.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The token decoder, with a JWK set fetched the way an identity provider's outage or a flood of forged tokens
 * cannot turn against the service (Nimbus's {@link JWKSourceBuilder}; Spring's default source refetches the set
 * for every unknown {@code kid}, before any signature check, without timeouts, and drops the keys when a refresh
 * fails). Here: connect and read timeouts and a size cap on each fetch; the set cached for {@code keysTtl}; at most
 * one refresh per {@code minRefreshInterval}, whatever the tokens say; and the last good set kept for {@code
 * outageTolerance} when the provider is down, slow or answers garbage. Issuer, audience and lifetime are
 * validated as Spring Boot would from the same properties. The query-service has the same class.
 */
public final class JwkSetDecoder {

    /** How the JWK set is fetched and kept. */
    public record Settings(Duration connectTimeout, Duration readTimeout, int maxSetBytes, Duration keysTtl,
                           Duration refreshTimeout, Duration minRefreshInterval, Duration outageTolerance) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 256 * 1024, Duration.ofMinutes(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(24));
        }
    }

    private JwkSetDecoder() {
    }

    public static JwtDecoder of(String jwkSetUri, String issuer, Collection<String> audiences,
                                Collection<String> algorithms, Settings settings) {
        URL location;
        try {
            location = URI.create(jwkSetUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("invalid JWK set URI " + jwkSetUri, e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(location, new DefaultResourceRetriever(
                        (int) settings.connectTimeout().toMillis(), (int) settings.readTimeout().toMillis(),
                        settings.maxSetBytes()))
                .cache(settings.keysTtl().toMillis(), settings.refreshTimeout().toMillis())
                .refreshAheadCache(false)
                .rateLimited(settings.minRefreshInterval().toMillis())
                .outageTolerant(settings.outageTolerance().toMillis())
                .retrying(false)
                .build();
        Set<JWSAlgorithm> accepted = algorithms.stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwtProcessorCustomizer(processor ->
                        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(accepted, keys)))
                .build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null || issuer.isBlank() ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithIssuer(issuer));
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }
}
