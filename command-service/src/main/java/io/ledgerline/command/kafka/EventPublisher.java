package io.ledgerline.command.kafka;

import io.ledgerline.command.batch.AwaitedBeforeCommit;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every stored event to Kafka: the event store is the outbox, read by a tracking processor, so there is
 * never a dual write. Sends of a batch are asynchronous; before the batch commits (and with it the processor's
 * token) every send must be acknowledged by the broker (acks=all, idempotent producer). A failure rolls the batch
 * back and the processor retries it: delivery is at least once, in per-aggregate order.
 */
@Component
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
class EventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";

    private final KafkaTemplate<String, byte[]> kafka;
    private final LedgerCodec codec = LedgerCodec.contracts();
    private final Duration ackTimeout;
    private final Timer publicationLatency;

    EventPublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters,
                   KafkaLedgerProperties properties) {
        this.kafka = kafka;
        this.ackTimeout = properties.publishAckTimeout();
        this.publicationLatency = Timer.builder("ledger.publication.latency")
                .description("time from an event's commit to the broker's acknowledgement of its publication")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    @EventHandler
    void on(SpecificRecord payload, DomainEventMessage<?> event) {
        Instant occurredAt = event.getTimestamp();
        CompletableFuture<?> sent = kafka.send(EventRecords.toRecord(event, codec)).thenRun(() ->
                publicationLatency.record(Duration.between(occurredAt, Instant.now())));
        AwaitedBeforeCommit.register(sent, ackTimeout);
    }
}
