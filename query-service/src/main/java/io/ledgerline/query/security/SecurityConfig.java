package io.ledgerline.query.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The edge of the role table (PRODUCT.md §6): which roles reach which read. Ownership is checked again by the
 * query services against the documents. The JWT decoder is Spring Boot's, from
 * {@code spring.security.oauth2.resourceserver.jwt.*} (signature, issuer, audience, expiry).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String[] OPERATIONAL = {
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/prometheus"};

    /**
     * No Spring Security observations: they wrap every filter of the chain in an observation, a large share of a
     * read's CPU. The request itself stays observed (http.server.requests and its trace).
     */
    /**
     * Request matchers by path pattern, not by asking Spring MVC which handler a request goes to: the MVC matchers
     * ran the handler lookup again for every rule checked (a few per cent of a request's CPU), for the same answer on
     * paths that have no MVC-specific suffix or servlet-path rules. Spring Security 7's default.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        return JwkSetDecoder.of(jwt.getJwkSetUri(), jwt.getIssuerUri(), jwt.getAudiences(), jwt.getJwsAlgorithms(),
                JwkSetDecoder.Settings.defaults());
    }

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
            LedgerJwtConverter jwtConverter, ProblemAuthenticationHandlers problems, JwtDecoder jwtDecoder)
            throws Exception {
        String customer = Role.CUSTOMER.claimValue();
        String service = Role.SERVICE.claimValue();
        String operator = Role.OPERATOR.claimValue();
        String auditor = Role.AUDITOR.claimValue();
        http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                            .permitAll();
                    if (properties.openOperationalEndpoints()) {
                        authorize.requestMatchers(OPERATIONAL).permitAll();
                    } else {
                        authorize.requestMatchers(OPERATIONAL).hasRole(operator);
                    }
                    authorize
                            .requestMatchers(HttpMethod.GET, "/api/v1/accounts", "/api/v1/owners/*/summary")
                            .hasAnyRole(customer, operator, auditor)
                            .requestMatchers(HttpMethod.GET, "/api/v1/accounts/*", "/api/v1/accounts/*/transactions",
                                    "/api/v1/transfers/*")
                            .hasAnyRole(customer, service, operator, auditor)
                            .requestMatchers("/api/v1/admin/**").hasRole(operator)
                            .anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(new CachingJwtDecoder(jwtDecoder, 10_000, Duration.ofMinutes(5),
                                        Clock.systemUTC()))
                                .jwtAuthenticationConverter(jwtConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }
}
