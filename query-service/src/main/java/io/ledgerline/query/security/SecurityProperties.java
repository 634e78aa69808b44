package io.ledgerline.query.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ownerClaim                 the JWT claim that holds the caller's owner id
 * @param openOperationalEndpoints   OpenAPI, Swagger UI and Prometheus without a token (local mode only)
 */
@ConfigurationProperties("ledgerline.security")
public record SecurityProperties(
        @DefaultValue("sub") String ownerClaim,
        @DefaultValue("false") boolean openOperationalEndpoints) {
}
