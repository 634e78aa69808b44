package io.ledgerline.command.security;

import io.ledgerline.command.web.Problems;
import io.ledgerline.contracts.TokenClaims;
import io.ledgerline.kit.ProblemWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * An OAuth2 resource server: Spring Boot's JWT decoder checks signature (RS256/ES256 from the configured JWK set
 * or public key), issuer, audience, expiry and not-before. Owner id and roles as {@link TokenClaims} reads them.
 * Failures answer problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final String[] OPERATIONAL = {"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            "/actuator/prometheus"};

    /**
     * No Spring Security observations: they wrapped every filter of the chain in an observation (a span and a
     * timer each), about a sixth of a command's CPU. The request itself stays observed (http.server.requests,
     * its trace), and so does each command.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Request matchers by path pattern, not by asking Spring MVC which handler a request goes to: the MVC matchers
     * ran the handler lookup again for every rule checked (about 4 % of a command's CPU), for the same answer on
     * paths that have no MVC-specific suffix or servlet-path rules. Spring Security 7's default.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** The default firewall, its character rules checked without regular expressions ({@link HeaderCharacters}). */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
        firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
        return firewall;
    }

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        return JwkSetDecoder.of(jwt.getJwkSetUri(), jwt.getIssuerUri(), jwt.getAudiences(), jwt.getJwsAlgorithms(),
                JwkSetDecoder.Settings.defaults());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ProblemWriter problems,
                            JwtDecoder jwtDecoder) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "a valid bearer token is required"));
        };
        AccessDeniedHandler forbidden = (request, response, failure) -> problems.write(response,
                Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "your role does not allow this operation"));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/error")
                            .permitAll();
                    if (properties.openOperationalEndpoints()) {
                        requests.requestMatchers(OPERATIONAL).permitAll();
                    } else {
                        requests.requestMatchers(OPERATIONAL).hasAuthority(Role.OPERATOR.authority());
                    }
                    commandRoles(requests);
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.decoder(new CachingJwtDecoder(jwtDecoder, 10_000, Duration.ofMinutes(5),
                                        Clock.systemUTC()))
                                .jwtAuthenticationConverter(jwtConverter(properties)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .headers(Customizer.withDefaults());
        return http.build();
    }

    /** A role that lacks an operation is refused before its request body is even read. */
    private static void commandRoles(
            org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<HttpSecurity>
                    .AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.POST, "/api/v1/accounts").hasAnyAuthority(authorities(Operation.OPEN_ACCOUNT))
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/deposits")
                .hasAnyAuthority(authorities(Operation.DEPOSIT))
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/withdrawals")
                .hasAnyAuthority(authorities(Operation.WITHDRAW))
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/freeze").hasAnyAuthority(authorities(Operation.FREEZE))
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/unfreeze")
                .hasAnyAuthority(authorities(Operation.UNFREEZE))
                .requestMatchers(HttpMethod.POST, "/api/v1/accounts/*/close").hasAnyAuthority(authorities(Operation.CLOSE))
                .requestMatchers(HttpMethod.POST, "/api/v1/transfers").hasAnyAuthority(authorities(Operation.TRANSFER))
                .requestMatchers(HttpMethod.GET, "/api/v1/commands/*").hasAnyAuthority(authorities(Operation.READ_COMMAND))
                .requestMatchers("/api/v1/admin/**").hasAnyAuthority(authorities(Operation.ADMIN));
    }

    private static String[] authorities(Operation operation) {
        return operation.roles().stream().map(Role::authority).toArray(String[]::new);
    }

    /**
     * The principal is the token's owner id and its authorities are its roles, both read by {@link TokenClaims}
     * (the query-service reads tokens with the same class). A token without a valid owner id has no roles and an
     * empty name, which {@link LedgerPrincipalResolver} refuses.
     */
    static Converter<Jwt, AbstractAuthenticationToken> jwtConverter(SecurityProperties properties) {
        String ownerClaim = properties.ownerClaim();
        return jwt -> new JwtAuthenticationToken(jwt, rolesOf(jwt, ownerClaim),
                TokenClaims.ownerId(jwt.getClaims(), ownerClaim).orElse(""));
    }

    static Collection<GrantedAuthority> rolesOf(Jwt jwt, String ownerClaim) {
        return TokenClaims.roleNames(jwt.getClaims(), ownerClaim).stream().map(Role::fromClaim)
                .flatMap(Optional::stream)
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
    }
}
