package io.ledgerline.query.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * {@code ledger_projection_lag_seconds}: how old the oldest event is that this instance's live consumer has not
 * applied yet; 0 when it is caught up on every partition it owns.
 *
 * <p>An event's age is now minus its Kafka record timestamp, which the publisher sets to the event's
 * occurred-at (so it is also the commit time in the event store). Per partition, the oldest event not applied is
 * the one at the consumer's position. While a batch is being applied, that is the partition's first record in
 * the batch. After a batch, a partition whose lag (high watermark minus position, as of the last fetch) is 0 is
 * caught up; one with records still behind the batch counts from the batch's last record (its successors are
 * at most that old), until the next poll brings them. Partitions this instance no longer owns are forgotten.
 */
@Component
public class ProjectionLag implements MeterBinder {

    private final Clock clock;
    private final Map<TopicPartition, Long> oldestUnapplied = new ConcurrentHashMap<>();

    public ProjectionLag(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.projection.lag", this, ProjectionLag::seconds)
                .description("Age of the oldest event the live projection has not applied yet (0 when caught up)")
                .baseUnit("seconds")
                .register(registry);
    }

    public double seconds() {
        long now = clock.millis();
        long oldest = oldestUnapplied.values().stream().mapToLong(Long::longValue).min().orElse(now);
        return Math.max(0, now - oldest) / 1000.0;
    }

    /** A poll handed these records to the listener: the first of each partition is now the oldest unapplied. */
    void polled(List<ConsumerRecord<byte[], byte[]>> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            oldestUnapplied.putIfAbsent(partitionOf(record), record.timestamp());
        }
    }

    /**
     * The first {@code applied} records of the batch are applied, the rest (from a record that failed on) will
     * be delivered again. Records of partitions the consumer no longer owns are left out: a batch retried after a
     * rebalance still holds them, and the consumer refuses to tell the lag of a partition it does not own (it
     * throws, which failed such a batch on every retry, for good).
     */
    void applied(List<ConsumerRecord<byte[], byte[]>> records, int applied, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> last = new HashMap<>();
        Map<TopicPartition, Long> firstLeft = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            if (i < applied) {
                last.put(partitionOf(record), record.timestamp());
            } else {
                firstLeft.putIfAbsent(partitionOf(record), record.timestamp());
            }
        }
        Set<TopicPartition> owned = consumer.assignment();
        last.keySet().retainAll(owned);
        firstLeft.keySet().retainAll(owned);
        last.forEach((partition, timestamp) -> {
            OptionalLong behind = consumer.currentLag(partition);
            if (behind.isPresent() && behind.getAsLong() == 0) {
                oldestUnapplied.remove(partition);
            } else {
                oldestUnapplied.put(partition, timestamp);
            }
        });
        oldestUnapplied.putAll(firstLeft);
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(oldestUnapplied::remove);
    }
}
