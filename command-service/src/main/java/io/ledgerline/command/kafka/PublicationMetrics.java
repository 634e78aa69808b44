package io.ledgerline.command.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Publication lag from the event store head: how many global positions the publisher (and the transfer process)
 * trail the newest stored event, and, for the publisher, how old the oldest event not yet published is
 * ({@code ledger_publication_lag_seconds}: the first stored event past its token, or in one of its gaps). Both
 * zero at quiescence; unknown (NaN) while this instance claims no segment. And how many segments of each
 * processor this instance holds ({@code ledger_processor_segments_claimed}), to see them move between instances.
 */
@Component
class PublicationMetrics {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry meters;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PublicationMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters,
                       JdbcTemplate jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            Gauge.builder("ledger.processor.lag", () -> lagOf(processor))
                    .description("event store head position minus the processor's lowest segment position")
                    .tag("processor", name)
                    .register(meters);
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("ledger.processor.segments.claimed", () -> streaming.processingStatus().size())
                        .description("segments of the processor this instance holds (the others: other instances)")
                        .tag("processor", name)
                        .register(meters);
            }
        });
        processing.eventProcessor(EventPublisher.PROCESSING_GROUP, StreamingEventProcessor.class).ifPresent(
                publisher -> Gauge.builder("ledger.publication.lag.seconds", () -> ageOfOldestUnpublished(publisher))
                        .description("age of the oldest stored event the publisher has not published yet (0 when"
                                + " it is up to date)")
                        .baseUnit("seconds")
                        .register(meters));
    }

    private double ageOfOldestUnpublished(StreamingEventProcessor publisher) {
        var segments = publisher.processingStatus().values();
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        return ageOfOldestUnpublished(jdbc, segments.stream().map(EventTrackerStatus::getTrackingToken).toList(),
                clock.instant());
    }

    /**
     * Seconds since the oldest stored event that none of {@code tokens} has passed was stored: the first event
     * past a token's index, or one that filled a gap the token is still waiting for. 0 when there is none.
     */
    static double ageOfOldestUnpublished(JdbcTemplate jdbc, List<TrackingToken> tokens, Instant now) {
        Instant oldest = null;
        for (TrackingToken wrapped : tokens) {
            TrackingToken token = wrapped == null ? null : WrappedToken.unwrapLowerBound(wrapped);
            // no token yet: nothing was published, every stored event is waiting
            long index = token instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex() : -1;
            Object[] gaps = token instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps().toArray()
                    : new Object[0];
            List<String> timestamps = jdbc.query(connection -> {
                var statement = connection.prepareStatement("""
                        (select timestamp from domainevententry where globalindex > ? order by globalindex limit 1)
                        union all (select timestamp from domainevententry where globalindex = any(?))""");
                statement.setLong(1, index);
                statement.setArray(2, connection.createArrayOf("bigint", gaps));
                return statement;
            }, (rs, row) -> rs.getString(1));
            for (String timestamp : timestamps) {
                Instant at = Instant.parse(timestamp);
                oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            }
        }
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toNanos() / 1e9);
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
