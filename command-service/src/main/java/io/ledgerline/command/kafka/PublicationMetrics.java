package io.ledgerline.command.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publication lag from the event store head: how many global positions the publisher (and the transfer saga)
 * trail the newest stored event. Zero at quiescence.
 */
@Component
class PublicationMetrics {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;

    PublicationMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) ->
                Gauge.builder("ledger.processor.lag", () -> lagOf(processor))
                        .description("event store head position minus the processor's lowest segment position")
                        .tag("processor", name)
                        .register(meters));
    }

    private double lagOf(EventProcessor processor) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return Double.NaN;
        }
        OptionalLong headPosition = headPosition(eventStore);
        OptionalLong lowest = lowestPosition(streaming);
        if (headPosition.isEmpty() || lowest.isEmpty()) {
            return Double.NaN; // no segment claimed yet (just started, or another instance works): unknown, not behind
        }
        return Math.max(0, headPosition.getAsLong() - lowest.getAsLong());
    }

    /** The global index of the newest stored event; 0 for an empty store. */
    static OptionalLong headPosition(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? OptionalLong.of(0) : head.position();
    }

    /** The position of the processor's furthest-behind segment claimed here; empty while it claims none. */
    static OptionalLong lowestPosition(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }
}
