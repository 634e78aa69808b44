package io.ledgerline.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ownerClaim                the token claim that holds the principal's owner id
 * @param openOperationalEndpoints  whether OpenAPI, Swagger UI and Prometheus answer without a token (local mode)
 */
@ConfigurationProperties("ledgerline.security")
public record SecurityProperties(@DefaultValue("sub") String ownerClaim,
                                 @DefaultValue("false") boolean openOperationalEndpoints) {
}
