package io.ledgerline.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The projection's meters: apply latency per aggregate type and outcome, gaps, dead letters and messages whose
 * schema this reader does not know yet ({@link ParkedEventsGauge} counts the parked events). Consumer lag comes from the Kafka client's own metrics,
 * which Spring Boot binds to the same registry.
 */
@Component
public class ProjectionMetrics {

    private final MeterRegistry registry;

    public ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Outcome timeApply(EventEnvelope event, Supplier<Outcome> apply) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            Outcome result = apply.get();
            outcome = result.name().toLowerCase(Locale.ROOT);
            if (result == Outcome.PARKED) {
                Counter.builder("ledger.query.projection.gaps")
                        .description("Events that arrived ahead of a missing version and were parked")
                        .tag("aggregate", event.aggregateType().label())
                        .register(registry).increment();
            }
            return result;
        } finally {
            sample.stop(Timer.builder("ledger.query.projection.apply")
                    .description("Time to apply one event to the active read model")
                    .tag("aggregate", event.aggregateType().label())
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    public void deadLettered(String topic, String code) {
        Counter.builder("ledger.query.dead.letters")
                .description("Messages that can never be decoded, sent to the dead-letter topic")
                .tag("topic", topic).tag("code", code)
                .register(registry).increment();
    }

    public void unknownSchema(String topic) {
        Counter.builder("ledger.query.unknown.schema")
                .description("Delivery attempts of messages whose writer schema this reader does not know yet")
                .tag("topic", topic)
                .register(registry).increment();
    }
}
