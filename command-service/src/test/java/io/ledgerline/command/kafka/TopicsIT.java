package io.ledgerline.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.support.CommandServiceIT;
import io.ledgerline.contracts.TopicConfigs;
import io.ledgerline.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The command-service creates the event topics and every topic of its producers, as TopicConfigs describes them. */
class TopicsIT extends CommandServiceIT {

    @Test
    void eventTopicsAndDeadLettersKeepEverythingAndCommandAndResultTopicsTheBrokersRetention() throws Exception {
        List<String> forever = new ArrayList<>();
        TopicConfigs.EVENT_TOPICS.forEach(topic -> forever.addAll(List.of(topic, Topics.deadLetter(topic))));
        forever.add(Topics.deadLetter(COMMAND_TOPIC));
        List<String> brokerDefault = List.of(COMMAND_TOPIC, RESULT_TOPIC);

        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            List<String> all = new ArrayList<>(forever);
            all.addAll(brokerDefault);
            Map<String, TopicDescription> described = admin.describeTopics(all).allTopicNames().get();
            described.values().forEach(topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(3));
            Map<String, String> retention = retentionOf(admin, all);
            forever.forEach(topic -> assertThat(retention.get(topic)).as(topic).isEqualTo("-1"));
            brokerDefault.forEach(topic -> assertThat(retention.get(topic)).as(topic).isEqualTo("604800000"));
        }
    }

    private static Map<String, String> retentionOf(AdminClient admin, List<String> topics) throws Exception {
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
        return configs.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().name(),
                entry -> entry.getValue().get("retention.ms").value()));
    }
}
