package io.ledgerline.command.topic;

import io.ledgerline.command.intake.CommandProducers;
import io.ledgerline.command.intake.IntakeProperties;
import io.ledgerline.command.kafka.KafkaLedgerProperties;
import io.ledgerline.command.kafka.TopicsConfig;
import io.ledgerline.contracts.Topics;
import io.ledgerline.kit.LedgerDeadLetters;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The command topics' consumer: one record at a time, offset committed after the record's result is published.
 * Each producer's topics are created at start-up if absent: its command topic, that topic's DLT (kept forever,
 * like every DLT) and its result topic. Invalid messages go straight to {@code ledger.commands.v1.<producer>.dlt}
 * (same partition) with {@code ledger-error-code} and {@code ledger-error-detail} ({@link LedgerDeadLetters}),
 * published by the listener itself so that a flood of them costs no more than valid commands do (an exception
 * would make the container seek back and wait out the consumer's in-flight fetch, about half a second per
 * record). Technical failures are retried with backoff, never dead-lettered, because the command itself is fine.
 */
@Configuration(proxyBeanMethods = false)
class KafkaIntakeConfig {

    @Bean
    KafkaAdmin.NewTopics producerTopics(CommandProducers producers, KafkaLedgerProperties kafka) {
        KafkaLedgerProperties.Topics properties = kafka.topics();
        List<NewTopic> topics = new ArrayList<>();
        for (CommandProducers.Producer producer : producers.all()) {
            topics.add(TopicsConfig.topic(producer.commandTopic(), properties));
            topics.add(TopicsConfig.topic(Topics.deadLetter(producer.commandTopic()), properties));
            topics.add(TopicsConfig.topic(producer.resultTopic(), properties));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Publishes an invalid command message to its topic's {@code .dlt}, same partition, with the reason. The
     * listener calls it itself for messages it knows to be invalid, so they cost no seek and no re-fetch; the
     * error handler calls it for anything else that is not retryable.
     */
    @Bean
    DeadLetterPublishingRecoverer commandDeadLetters(KafkaTemplate<String, byte[]> kafka) {
        return new LedgerDeadLetters(kafka, failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            String code = cause instanceof InvalidCommandException invalid ? invalid.code() : "malformed-command";
            return new LedgerDeadLetters.Reason(code, String.valueOf(cause.getMessage()));
        });
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> commandListenerFactory(
            ConsumerFactory<String, byte[]> consumers, DeadLetterPublishingRecoverer commandDeadLetters,
            IntakeProperties intake) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler errors = new DefaultErrorHandler(commandDeadLetters, backOff);
        errors.addNotRetryableExceptions(InvalidCommandException.class);

        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(intake.commandTopicConcurrency());
        factory.setCommonErrorHandler(errors);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        // a span per command message, continuing the producer's traceparent into the command and its events
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }
}
