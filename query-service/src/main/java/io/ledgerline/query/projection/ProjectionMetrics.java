package io.ledgerline.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

    /**
     * Times a batch applied to the active read model. {@code ledger.query.projection.apply} gets one sample per
     * event, tagged with its outcome, of the batch's time divided by its events (so its count is events and its
     * sum is time spent applying); {@code ledger.query.projection.batch} gets the batch's own time.
     */
    public List<Outcome> timeApply(List<EventEnvelope> events, Supplier<List<Outcome>> apply) {
        long start = System.nanoTime();
        List<Outcome> outcomes = null;
        try {
            outcomes = apply.get();
            return outcomes;
        } finally {
            long elapsed = System.nanoTime() - start;
            Timer.builder("ledger.query.projection.batch")
                    .description("Time to apply one batch of events to the active read model")
                    .register(registry).record(elapsed, TimeUnit.NANOSECONDS);
            long perEvent = elapsed / events.size();
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope event = events.get(i);
                Outcome outcome = outcomes == null ? null : outcomes.get(i);
                if (outcome == Outcome.PARKED) {
                    Counter.builder("ledger.query.projection.gaps")
                            .description("Events that arrived ahead of a missing version and were parked")
                            .tag("aggregate", event.aggregateType().label())
                            .register(registry).increment();
                }
                Timer.builder("ledger.query.projection.apply")
                        .description("Time to apply one event to the active read model (its share of its batch)")
                        .tag("aggregate", event.aggregateType().label())
                        .tag("outcome", outcome == null ? "error" : outcome.name().toLowerCase(Locale.ROOT))
                        .publishPercentileHistogram()
                        .register(registry).record(perEvent, TimeUnit.NANOSECONDS);
            }
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
