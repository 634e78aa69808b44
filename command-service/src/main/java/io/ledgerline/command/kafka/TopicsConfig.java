package io.ledgerline.command.kafka;

import io.ledgerline.contracts.TopicConfigs;
import io.ledgerline.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the ledger's event topics and their DLTs at start-up if they are absent (Spring Kafka's KafkaAdmin), as
 * {@link TopicConfigs} describes them; this service is the only one that creates the event topics. The command
 * topic's channel declares its producers' topics the same way ({@code topic.KafkaIntakeConfig}).
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfig {

    @Bean
    KafkaAdmin.NewTopics ledgerTopics(KafkaLedgerProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String events : TopicConfigs.EVENT_TOPICS) {
            topics.add(topic(events, properties.topics()));
            topics.add(topic(Topics.deadLetter(events), properties.topics()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** A topic of {@code properties}' partitions and replicas, configured as {@link TopicConfigs} says. */
    public static NewTopic topic(String name, KafkaLedgerProperties.Topics properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor())
                .configs(TopicConfigs.of(name, properties.replicationFactor(), properties.retentionMs())).build();
    }
}
