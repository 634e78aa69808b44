package io.ledgerline.query.kafka;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.DeadLetterValues;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.query.projection.ProjectionMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes a message that can never be a valid event to {@code <topic>.dlt}, same partition, with its original
 * key, value and headers plus {@code ledger-error-code} and {@code ledger-error-detail}, and counts it. A value
 * over the message cap is cut to it ({@link DeadLetterValues}), with {@code ledger-error-truncated-from}. The
 * listener calls it for the messages it finds never valid, the error handler for anything else not retryable.
 */
final class DeadLetters extends DeadLetterPublishingRecoverer {

    static final String MALFORMED_MESSAGE = "malformed-message";
    static final String PROCESSING_FAILED = "processing-failed";
    private static final int MAX_DETAIL = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final ProjectionMetrics metrics;

    DeadLetters(KafkaOperations<?, ?> template, ProjectionMetrics metrics) {
        super(template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()),
                record.partition()));
        this.metrics = metrics;
        setHeadersFunction((record, exception) -> errorHeaders(exception));
        excludeHeader(HeaderNames.HeadersToAdd.EX_STACKTRACE); // the reason is in ledger-error-detail
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
            TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        Object original = value != null ? value : record.value();
        if (DeadLetterValues.needsTruncation(original)) {
            byte[] bytes = (byte[]) original;
            headers.add(LedgerHeaders.ERROR_TRUNCATED_FROM,
                    Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            return super.createProducerRecord(record, topicPartition, headers, key,
                    DeadLetterValues.truncated(bytes));
        }
        return super.createProducerRecord(record, topicPartition, headers, key, value);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        String code = errorCode(exception);
        metrics.deadLettered(record.topic(), code);
        log.warn("dead-lettered {}-{}@{} to {}: {} ({})", record.topic(), record.partition(), record.offset(),
                Topics.deadLetter(record.topic()), code, detail(exception));
    }

    private static Headers errorHeaders(Exception exception) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(LedgerHeaders.ERROR_CODE, errorCode(exception).getBytes(StandardCharsets.UTF_8));
        headers.add(LedgerHeaders.ERROR_DETAIL, detail(exception).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static String errorCode(Throwable exception) {
        InvalidEventException invalid = causeOf(exception, InvalidEventException.class);
        if (invalid != null) {
            return invalid.code();
        }
        return causeOf(exception, MalformedMessageException.class) != null ? MALFORMED_MESSAGE : PROCESSING_FAILED;
    }

    private static String detail(Throwable exception) {
        Throwable cause = causeOf(exception, InvalidEventException.class);
        if (cause == null) {
            cause = causeOf(exception, MalformedMessageException.class);
        }
        String message = String.valueOf((cause == null ? exception : cause).getMessage());
        return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL);
    }

    static <T extends Throwable> T causeOf(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
