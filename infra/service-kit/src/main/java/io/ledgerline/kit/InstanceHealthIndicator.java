package io.ledgerline.kit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Names the instance that answers a health check ({@code components.instance.details.id}, shown to operators), so
 * that behind a load balancer a health report says whose it is, as the metrics' {@code service_instance_id} does.
 */
public class InstanceHealthIndicator implements HealthIndicator {

    private final Health health;

    public InstanceHealthIndicator(String instance) {
        this.health = Health.up().withDetail("id", instance).build();
    }

    @Override
    public Health health() {
        return health;
    }
}
