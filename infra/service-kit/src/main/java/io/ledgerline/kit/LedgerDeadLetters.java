package io.ledgerline.kit;

import io.ledgerline.contracts.LedgerHeaders;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.DeadLetterValues;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Spring Kafka's dead-letter recoverer as the ledger uses it for every topic it consumes: to {@code <topic>.dlt},
 * same partition, with the original key, value and headers plus {@code ledger-error-code} and
 * {@code ledger-error-detail} from {@code reasonOf}, no stack trace, and a value over the message cap cut to it
 * ({@link DeadLetterValues}) with {@code ledger-error-truncated-from}, so that the dead letter fits its topic.
 */
public class LedgerDeadLetters extends DeadLetterPublishingRecoverer {

    /** Why a record is dead-lettered, as its headers say. */
    public record Reason(String code, String detail) {
    }

    public LedgerDeadLetters(KafkaOperations<?, ?> template, Function<Exception, Reason> reasonOf) {
        super(template, (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()),
                record.partition()));
        excludeHeader(HeaderNames.HeadersToAdd.EX_STACKTRACE); // the reason is in ledger-error-detail
        setHeadersFunction((record, failure) -> {
            Reason reason = reasonOf.apply(failure);
            RecordHeaders headers = new RecordHeaders();
            headers.add(LedgerHeaders.ERROR_CODE, reason.code().getBytes(StandardCharsets.UTF_8));
            headers.add(LedgerHeaders.ERROR_DETAIL, reason.detail().getBytes(StandardCharsets.UTF_8));
            return headers;
        });
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
}
