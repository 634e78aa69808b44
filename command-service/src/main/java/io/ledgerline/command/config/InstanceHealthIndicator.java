package io.ledgerline.command.config;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Names the instance that answers a health check ({@code components.instance.details.id}, shown to operators), so
 * that behind a load balancer a health report says whose it is, as the metrics' {@code service_instance_id} does.
 */
@Component("instanceHealthIndicator")
class InstanceHealthIndicator implements HealthIndicator {

    private final Health health;

    InstanceHealthIndicator(LedgerProperties properties) {
        this.health = Health.up().withDetail("id", properties.instance()).build();
    }

    @Override
    public Health health() {
        return health;
    }
}
