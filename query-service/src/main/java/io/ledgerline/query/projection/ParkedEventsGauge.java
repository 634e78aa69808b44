package io.ledgerline.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code ledger.query.projection.parked}: events of the active read model waiting for a missing version. */
@Component
class ParkedEventsGauge implements MeterBinder {

    private final Generations generations;
    private final ReadModels readModels;

    ParkedEventsGauge(Generations generations, ReadModels readModels) {
        this.generations = generations;
        this.readModels = readModels;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.query.projection.parked", () -> readModels.of(generations.active()).parked().count())
                .description("Events waiting for a missing earlier version in the active read model")
                .register(registry);
    }
}
