package io.ledgerline.query.kafka;

import io.ledgerline.contracts.Topics;
import io.ledgerline.query.projection.EventDispatcher;
import io.ledgerline.query.projection.EventEnvelope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * The live consumer of both event topics, one poll at a time. Every record is decoded first, on its own; the
 * events before the first record that fails to decode are applied in bulk ({@link EventDispatcher}), and that
 * record is reported by index ({@link BatchListenerFailedException}). The error handler ({@link
 * KafkaConfig#errorHandler}) then commits the offsets of the records before it, dead-letters it (never
 * decodable) or retries it with backoff (unknown schema, MongoDB down), and the records after it come again with
 * the next poll: one bad record neither fails nor dead-letters its neighbours.
 *
 * <p>The listener returns only after MongoDB acknowledged the writes, and the container commits offsets only
 * after the listener returned (ack mode BATCH, auto-commit off), so a position never moves past an event the
 * read model does not hold.
 */
@Component
public class ProjectionListener implements ConsumerSeekAware {

    public static final String LISTENER_ID = "ledger-query-projections";

    private final EventRecordDecoder decoder;
    private final EventDispatcher dispatcher;
    private final ProjectionLag lag;

    public ProjectionListener(EventRecordDecoder decoder, EventDispatcher dispatcher, ProjectionLag lag) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.lag = lag;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${ledgerline.query.consumer-group:ledger-query}",
            topics = {Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS}, batch = "true")
    public void onBatch(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        lag.polled(records);
        List<EventEnvelope> events = new ArrayList<>(records.size());
        RuntimeException failure = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                events.add(decoder.decode(record));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        dispatcher.dispatch(events);
        lag.applied(records, events.size(), consumer);
        if (failure != null) {
            ConsumerRecord<byte[], byte[]> failed = records.get(events.size());
            throw new BatchListenerFailedException("cannot decode " + failed.topic() + "-" + failed.partition() + "@"
                    + failed.offset(), failure, events.size());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        lag.revoked(partitions);
    }
}
