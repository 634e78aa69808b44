package io.ledgerline.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.contracts.codec.UnknownSchemaException;
import io.ledgerline.query.projection.ProjectionMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * What the live consumer's error handler does with each kind of failure: never-decodable messages go to the
 * dead-letter topic on the same partition at once; a schema this reader does not know yet is retried, never
 * dead-lettered, and counted.
 */
class ErrorHandlingTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProjectionMetrics metrics = new ProjectionMetrics(meters);
    private final DefaultErrorHandler handler = new KafkaConfig().errorHandler(
            new DeadLetters(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), metrics), metrics);
    @SuppressWarnings("unchecked")
    private final Consumer<byte[], byte[]> consumer = mock(Consumer.class);
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);
    private final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.ACCOUNT_EVENTS, 1, 7,
            "acc-1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

    ErrorHandlingTest() {
        record.headers().add(LedgerHeaders.AGGREGATE_ID, "acc-1".getBytes(StandardCharsets.UTF_8));
        when(consumer.partitionsFor(anyString(), any(Duration.class))).thenAnswer(call -> List.of(
                new PartitionInfo(call.getArgument(0), 0, null, null, null),
                new PartitionInfo(call.getArgument(0), 1, null, null, null)));
    }

    private static Exception failed(Exception cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }

    @Test
    void aMalformedMessageIsDeadLetteredAtOnceWithItsErrorHeaders() {
        boolean recovered = handler.handleOne(failed(new MalformedMessageException("not Avro", null)), record,
                consumer, container);

        assertThat(recovered).isTrue();
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo("ledger.account-events.v1.dlt");
        assertThat(dead.partition()).isEqualTo(1);
        assertThat(dead.key()).isEqualTo(record.key());
        assertThat(dead.value()).isEqualTo(record.value());
        assertThat(new String(dead.headers().lastHeader(LedgerHeaders.ERROR_CODE).value())).isEqualTo(
                "malformed-message");
        assertThat(new String(dead.headers().lastHeader(LedgerHeaders.ERROR_DETAIL).value())).isEqualTo("not Avro");
        assertThat(dead.headers().lastHeader(LedgerHeaders.AGGREGATE_ID)).isNotNull();
        assertThat(meters.get("ledger.query.dead.letters").tag("code", "malformed-message").counter().count())
                .isEqualTo(1);
    }

    @Test
    void invalidHeadersAreDeadLetteredWithTheirOwnCode() {
        handler.handleOne(failed(new InvalidEventException(InvalidEventException.INVALID_HEADERS, "no version")),
                record, consumer, container);

        assertThat(new String(producer.history().get(0).headers().lastHeader(LedgerHeaders.ERROR_CODE).value()))
                .isEqualTo("invalid-headers");
    }

    @Test
    void anUnknownSchemaIsRetriedAndCountedButNeverDeadLettered() {
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean recovered = handler.handleOne(failed(new UnknownSchemaException(42, "unknown writer schema")),
                    record, consumer, container);
            assertThat(recovered).isFalse();
        }

        assertThat(producer.history()).isEmpty();
        assertThat(meters.get("ledger.query.unknown.schema").counter().count()).isEqualTo(3);
    }

    @SafeVarargs
    private static ConsumerRecords<byte[], byte[]> batchOf(ConsumerRecord<byte[], byte[]>... records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.ACCOUNT_EVENTS, 1), List.of(records)));
    }

    private static ConsumerRecord<byte[], byte[]> at(long offset) {
        return new ConsumerRecord<>(Topics.ACCOUNT_EVENTS, 1, offset, ("acc-" + offset).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) offset});
    }

    @Test
    void inABatchOnlyTheRecordTheListenerNamedIsDeadLetteredAndTheOnesBeforeItAreCommitted() {
        ConsumerRecords<byte[], byte[]> batch = batchOf(at(10), at(11), at(12));
        when(container.getContainerProperties()).thenReturn(new ContainerProperties(Topics.ACCOUNT_EVENTS));

        // the handler throws to tell the container that it sought the partitions itself
        assertThatThrownBy(() -> handler.handleBatch(new BatchListenerFailedException("cannot decode",
                new MalformedMessageException("not Avro", null), 1), batch, consumer, container, () -> { }))
                .isInstanceOf(KafkaException.class);

        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("ledger.account-events.v1.dlt");
            assertThat(dead.key()).isEqualTo("acc-11".getBytes(StandardCharsets.UTF_8));
        });
        // the record before it is committed, then the dead-lettered one; the one after it is read again
        verify(consumer).commitSync(eq(Map.of(new TopicPartition(Topics.ACCOUNT_EVENTS, 1),
                new OffsetAndMetadata(11))), any());
        verify(consumer).commitSync(eq(Map.of(new TopicPartition(Topics.ACCOUNT_EVENTS, 1),
                new OffsetAndMetadata(12))), any());
        verify(consumer).seek(new TopicPartition(Topics.ACCOUNT_EVENTS, 1), 12);
    }

    @Test
    void inABatchAnUnknownSchemaIsRetriedAndAlertedOnNotDeadLettered() {
        ConsumerRecords<byte[], byte[]> batch = batchOf(at(20), at(21), at(22));
        when(container.getContainerProperties()).thenReturn(new ContainerProperties(Topics.ACCOUNT_EVENTS));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> handler.handleBatch(new BatchListenerFailedException("cannot decode",
                    new UnknownSchemaException(42, "unknown writer schema"), 1), batch, consumer, container,
                    () -> { })).hasMessageContaining("in retry");
        }

        assertThat(producer.history()).isEmpty();
        assertThat(meters.get("ledger.query.unknown.schema").counter().count()).isEqualTo(2);
        // the record before it is committed and the failed one is read again, never skipped
        verify(consumer, times(2)).commitSync(eq(Map.of(new TopicPartition(Topics.ACCOUNT_EVENTS, 1),
                new OffsetAndMetadata(21))), any());
        verify(consumer, times(2)).seek(new TopicPartition(Topics.ACCOUNT_EVENTS, 1), 21);
    }

    @Test
    void anyOtherFailureIsRetriedToo() {
        boolean recovered = handler.handleOne(failed(new IllegalStateException("MongoDB unavailable")), record,
                consumer, container);

        assertThat(recovered).isFalse();
        assertThat(producer.history()).isEmpty();
    }
}
