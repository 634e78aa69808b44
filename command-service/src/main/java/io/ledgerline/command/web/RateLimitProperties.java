package io.ledgerline.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-principal token bucket for command endpoints, per instance: {@code burst} requests at once, refilled at
 * {@code perSecond}.
 */
@ConfigurationProperties("ledgerline.web.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("100") long burst,
                                  @DefaultValue("50") long perSecond) {
}
