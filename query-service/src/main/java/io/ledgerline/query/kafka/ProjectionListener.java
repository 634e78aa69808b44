package io.ledgerline.query.kafka;

import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.MalformedMessageException;
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
 * The live consumer of both event topics, one poll at a time. Every record is decoded first, on its own. A record
 * that can never be a valid event (malformed, invalid headers) is dead-lettered here ({@link DeadLetters}), after
 * the batch's events are applied, and the batch goes on past it: one bad record neither fails nor dead-letters
 * its neighbours, and a flood of them costs a dead-letter publish each, not a seek and a re-fetch. The events
 * before the first record that fails otherwise (a schema this reader does not know yet) are applied in bulk
 * ({@link EventDispatcher}), and that record is reported by index ({@link BatchListenerFailedException}); the
 * error handler ({@link KafkaConfig#errorHandler}) commits the offsets of the records before it and retries it
 * with backoff, and the records after it come again with the next poll.
 *
 * <p>The listener returns only after MongoDB acknowledged the writes and the broker the dead letters, and the
 * container commits offsets only after the listener returned (ack mode BATCH, auto-commit off), so a position never
 * moves past an event the read model does not hold or a dead letter its topic does not hold. A batch that fails on
 * the way (MongoDB down) is retried whole, so a dead letter may be published twice, never lost.
 */
@Component
public class ProjectionListener implements ConsumerSeekAware {

    public static final String LISTENER_ID = "ledger-query-projections";

    private final EventRecordDecoder decoder;
    private final EventDispatcher dispatcher;
    private final ProjectionLag lag;
    private final DeadLetters deadLetters;

    ProjectionListener(EventRecordDecoder decoder, EventDispatcher dispatcher, ProjectionLag lag,
                       DeadLetters deadLetters) {
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.lag = lag;
        this.deadLetters = deadLetters;
    }

    private record NeverValid(ConsumerRecord<byte[], byte[]> record, RuntimeException reason) {
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${ledgerline.query.consumer-group:ledger-query}",
            topics = {Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS}, batch = "true")
    public void onBatch(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        lag.polled(records);
        List<EventEnvelope> events = new ArrayList<>(records.size());
        List<NeverValid> neverValid = new ArrayList<>();
        int handled = 0;
        RuntimeException failure = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                events.add(decoder.decode(record));
            } catch (InvalidEventException | MalformedMessageException e) {
                neverValid.add(new NeverValid(record, e));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
            handled++;
        }
        dispatcher.dispatch(events);
        neverValid.forEach(dead -> deadLetters.accept(dead.record(), consumer, dead.reason()));
        lag.applied(records, handled, consumer);
        if (failure != null) {
            ConsumerRecord<byte[], byte[]> failed = records.get(handled);
            throw new BatchListenerFailedException("cannot decode " + failed.topic() + "-" + failed.partition() + "@"
                    + failed.offset(), failure, handled);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        lag.revoked(partitions);
    }
}
