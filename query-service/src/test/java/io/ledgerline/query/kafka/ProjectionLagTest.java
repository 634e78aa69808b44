package io.ledgerline.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** ledger_projection_lag_seconds: the age of the oldest event the live consumer has not applied yet. */
class ProjectionLagTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final TopicPartition P0 = new TopicPartition(Topics.ACCOUNT_EVENTS, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.TRANSFER_EVENTS, 1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProjectionLag lag = new ProjectionLag(Clock.fixed(NOW, ZoneOffset.UTC));
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

    ProjectionLagTest() {
        lag.bindTo(meters);
        consumer.assign(List.of(P0, P1));
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, long secondsAgo) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                NOW.minusSeconds(secondsAgo).toEpochMilli(), org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, new byte[0], new byte[0], new org.apache.kafka.common.header.internals.RecordHeaders(),
                java.util.Optional.empty());
    }

    private double gauge() {
        return meters.get("ledger.projection.lag").gauge().value();
    }

    /** The consumer has read up to {@code position} of a partition whose log ends at {@code end}. */
    private void positions(long p0, long p0End, long p1, long p1End) {
        consumer.updateEndOffsets(Map.of(P0, p0End, P1, p1End));
        consumer.seek(P0, p0);
        consumer.seek(P1, p1);
    }

    @Test
    void isZeroBeforeAnyEvent() {
        assertThat(gauge()).isZero();
    }

    @Test
    void whileABatchIsAppliedItIsTheAgeOfItsOldestFirstRecordPerPartition() {
        lag.polled(List.of(record(P0, 0, 30), record(P0, 1, 20), record(P1, 0, 45), record(P1, 1, 10)));

        assertThat(gauge()).isEqualTo(45.0);
    }

    @Test
    void dropsToZeroOnceTheBatchIsAppliedAndNothingIsBehindIt() {
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(record(P0, 0, 30), record(P1, 0, 45));
        lag.polled(batch);
        positions(1, 1, 1, 1);

        lag.applied(batch, batch.size(), consumer);

        assertThat(gauge()).isZero();
    }

    @Test
    void aPartitionWithRecordsStillBehindTheBatchCountsFromItsLastAppliedRecord() {
        List<ConsumerRecord<byte[], byte[]>> batch = LongStream.range(0, 3)
                .mapToObj(offset -> record(P0, offset, 60 - offset * 10)).toList();
        lag.polled(batch);
        positions(3, 500, 0, 0);

        lag.applied(batch, batch.size(), consumer);

        assertThat(gauge()).isEqualTo(40.0);
    }

    @Test
    void recordsFromTheOneThatFailedOnStayUnapplied() {
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(record(P0, 0, 50), record(P1, 0, 40),
                record(P0, 1, 35), record(P1, 1, 5));
        lag.polled(batch);
        positions(2, 2, 2, 2);

        lag.applied(batch, 2, consumer);

        assertThat(gauge()).isEqualTo(35.0);
    }

    @Test
    void aBatchRetriedAfterItsPartitionWentToAnotherInstanceIsAppliedWithoutFailing() {
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(record(P0, 0, 30), record(P1, 0, 90));
        lag.polled(batch);
        positions(1, 1, 1, 1);
        consumer.assign(List.of(P0)); // a rebalance during the batch's retries took P1 away
        consumer.seek(P0, 1);
        lag.revoked(List.of(P1));

        lag.applied(batch, batch.size(), consumer);

        assertThat(gauge()).isZero();
    }

    @Test
    void forgetsPartitionsThisInstanceNoLongerOwns() {
        lag.polled(List.of(record(P0, 0, 30), record(P1, 0, 90)));

        lag.revoked(List.of(P1));

        assertThat(gauge()).isEqualTo(30.0);
    }
}
