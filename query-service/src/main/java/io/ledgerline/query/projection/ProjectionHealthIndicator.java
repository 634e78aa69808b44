package io.ledgerline.query.projection;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Reports the active generation and the version gaps it is waiting on. A gap keeps one aggregate's read model
 * from advancing but the service still answers for everything else, so gaps are details, not DOWN; alert on the
 * {@code ledger.query.projection.parked} gauge instead.
 */
@Component("projectionsHealthIndicator")
public class ProjectionHealthIndicator extends AbstractHealthIndicator {

    private static final int LISTED_GAPS = 20;

    private final Generations generations;
    private final ReadModels readModels;

    public ProjectionHealthIndicator(Generations generations, ReadModels readModels) {
        super("projection health check failed");
        this.generations = generations;
        this.readModels = readModels;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ReadModelCollections active = generations.active();
        MongoParkedEvents parked = readModels.of(active).parked();
        List<Map<String, Object>> gaps = parked.oldest(LISTED_GAPS).stream()
                .map(event -> Map.<String, Object>of(
                        "aggregateType", event.aggregateType().label(),
                        "aggregateId", event.aggregateId(),
                        "parkedVersion", event.version(),
                        "parkedAt", event.parkedAt().toString()))
                .toList();
        builder.up()
                .withDetail("activeGeneration", active.generation())
                .withDetail("parkedEvents", parked.count())
                .withDetail("gaps", gaps);
    }
}
