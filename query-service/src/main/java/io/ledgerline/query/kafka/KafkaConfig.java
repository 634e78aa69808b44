package io.ledgerline.query.kafka;

import io.ledgerline.contracts.TopicConfigs;
import io.ledgerline.contracts.Topics;
import io.ledgerline.contracts.codec.LedgerCodec;
import io.ledgerline.contracts.codec.MalformedMessageException;
import io.ledgerline.contracts.codec.UnknownSchemaException;
import io.ledgerline.query.projection.ProjectionMetrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics and failure handling of the live consumer. A message that can never be a valid event goes to
 * {@code <topic>.dlt} at once and the partition moves on, published by the listener itself so that a flood of
 * them costs no more than valid events do (an exception would make the container seek back and wait out the
 * consumer's in-flight fetch, about half a second per record); anything else (a schema this reader does not know
 * yet, MongoDB unavailable) is retried with backoff for as long as it takes, because skipping it would leave a gap.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfig.class);

    @Bean
    EventRecordDecoder eventRecordDecoder() {
        return new EventRecordDecoder(LedgerCodec.contracts());
    }

    /**
     * The dead-letter topics this service writes, created as {@link TopicConfigs} describes them. The event topics
     * are the command-service's to create; until they exist the listener's consumer keeps asking the broker for
     * them and joins their partitions once they appear (LateEventTopicsIT).
     */
    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(TopicConfigs.EVENT_TOPICS.stream()
                .map(events -> deadLetterTopic(Topics.deadLetter(events), properties)).toArray(NewTopic[]::new));
    }

    private static NewTopic deadLetterTopic(String name, TopicProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor())
                .configs(TopicConfigs.of(name, properties.replicationFactor(), properties.retentionMs())).build();
    }

    /**
     * The listener dead-letters the messages it knows to be never valid itself, so they cost no seek and no
     * re-fetch; the error handler uses it for anything else that is not retryable.
     */
    @Bean
    DeadLetters deadLetters(KafkaTemplate<byte[], byte[]> template, ProjectionMetrics metrics) {
        return new DeadLetters(template, metrics);
    }

    @Bean
    DefaultErrorHandler errorHandler(DeadLetters deadLetters, ProjectionMetrics metrics) {
        ExponentialBackOff retryForever = new ExponentialBackOff(500, 2.0);
        // below max.poll.interval.ms, so a long retry never costs the partition assignment
        retryForever.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, retryForever);
        handler.addNotRetryableExceptions(MalformedMessageException.class, InvalidEventException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int attempt) {
                if (DeadLetters.causeOf(exception, UnknownSchemaException.class) != null) {
                    metrics.unknownSchema(record.topic());
                    log.error("ALERT unknown writer schema on {}-{}@{} (attempt {}): this reader must be upgraded;"
                                    + " retrying with backoff", record.topic(), record.partition(), record.offset(),
                            attempt);
                }
            }

            /** A whole batch failed (MongoDB unavailable, for one) and is retried: say why, or a stall is silent. */
            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception exception, int attempt) {
                log.warn("a batch of {} events on {} failed (attempt {}), retrying it with backoff: {}",
                        records.count(), records.partitions(), attempt, exception.toString());
            }
        });
        return handler;
    }
}
