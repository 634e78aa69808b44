package io.ledgerline.query.kafka;

import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.kit.LedgerDeadLetters;
import io.ledgerline.query.projection.ProjectionMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Publishes a message that can never be a valid event to {@code <topic>.dlt} as {@link LedgerDeadLetters} does
 * for every ledger topic, with the event's error code and detail, and counts and logs it. The listener calls it
 * for the messages it finds never valid, the error handler for anything else not retryable.
 */
final class DeadLetters extends LedgerDeadLetters {

    static final String MALFORMED_MESSAGE = "malformed-message";
    static final String PROCESSING_FAILED = "processing-failed";
    private static final int MAX_DETAIL = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final ProjectionMetrics metrics;

    DeadLetters(KafkaOperations<?, ?> template, ProjectionMetrics metrics) {
        super(template, exception -> new Reason(errorCode(exception), detail(exception)));
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception);
        String code = errorCode(exception);
        metrics.deadLettered(record.topic(), code);
        log.warn("dead-lettered {}-{}@{} to {}: {} ({})", record.topic(), record.partition(), record.offset(),
                Topics.deadLetter(record.topic()), code, detail(exception));
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
