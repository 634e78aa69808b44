package io.ledgerline.command.kafka;

import io.ledgerline.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the ledger's event topics at start-up if they are absent (Spring Kafka's KafkaAdmin); DLTs match their
 * source. The command intake declares its producers' topics the same way ({@code KafkaIntakeConfig}).
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfig {

    @Bean
    KafkaAdmin.NewTopics ledgerTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.ACCOUNT_EVENTS, properties, true),
                topic(Topics.TRANSFER_EVENTS, properties, true),
                topic(Topics.deadLetter(Topics.ACCOUNT_EVENTS), properties, true),
                topic(Topics.deadLetter(Topics.TRANSFER_EVENTS), properties, true));
    }

    /** A topic of {@code properties}' partitions and replicas; {@code keepForever} keeps its records forever. */
    public static NewTopic topic(String name, TopicProperties properties, boolean keepForever) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(properties.partitions())
                .replicas(properties.replicationFactor());
        if (keepForever) {
            builder.config("retention.ms", Long.toString(properties.retentionMs()));
        }
        if (properties.replicationFactor() > 1) {
            builder.config("min.insync.replicas", "2");
        }
        return builder.build();
    }
}
