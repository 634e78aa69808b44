package io.ledgerline.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.contracts.TopicConfigs;
import io.ledgerline.query.IntegrationTestBase;
import io.ledgerline.query.support.AccountScript;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query-service does not create the event topics (the command-service does), so it may start before they
 * exist, as `infra/run-local` starts both at once. A broker of its own without them (a context of its own, with a
 * database of its own): the topics are created after the service is up, and their events are projected.
 */
@EmbeddedKafka(kraft = true, count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false",
            "offsets.topic.num.partitions=1"})
class LateEventTopicsIT extends IntegrationTestBase {

    @Autowired
    private KafkaAdmin kafkaAdmin;

    @DynamicPropertySource
    static void ownDatabaseAndTheServicesOwnMetadataRefresh(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString("ledgerline-late-topics"));
        // the other tests refresh the consumer's metadata every second; this one runs as the service is configured
        registry.add("spring.kafka.consumer.properties.metadata.max.age.ms", () -> "300000");
    }

    @Test
    void eventTopicsCreatedAfterTheServiceStartedAreProjected() throws Exception {
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(TopicConfigs.EVENT_TOPICS);
            admin.createTopics(TopicConfigs.EVENT_TOPICS.stream().map(topic -> new NewTopic(topic, 2, (short) 1))
                    .toList()).all().get();
        }
        AccountScript account = new AccountScript(id("late"), id("owner"), "EUR", someTime()).deposit("tx-1", 700);

        send(account.all());

        assertThat(awaitAccount(account.accountId(), 2).path("balance").asLong()).isEqualTo(700);
    }
}
