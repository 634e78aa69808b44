package io.ledgerline.query.kafka;

import io.ledgerline.contracts.Topics;
import io.ledgerline.query.projection.EventDispatcher;
import io.ledgerline.query.web.CorrelationId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The live consumer of both event topics. It returns only after MongoDB acknowledged the writes, and the
 * container commits offsets only after the listener returned (ack mode BATCH, auto-commit off), so a position
 * never moves past an event the read model does not hold. Failures go to {@link KafkaConfig#errorHandler}.
 */
@Component
public class ProjectionListener {

    public static final String LISTENER_ID = "ledger-query-projections";

    private final EventRecordDecoder decoder;
    private final EventDispatcher dispatcher;

    public ProjectionListener(EventRecordDecoder decoder, EventDispatcher dispatcher) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${ledgerline.query.consumer-group:ledger-query}",
            topics = {Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS})
    public void onEvent(ConsumerRecord<byte[], byte[]> record) {
        String correlationId = CorrelationId.fromKafka(record.headers());
        MDC.put(CorrelationId.MDC_KEY, correlationId);
        try {
            dispatcher.dispatch(decoder.decode(record));
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
