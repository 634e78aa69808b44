package io.ledgerline.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The ledger's Kafka settings bind under the keys they had when the publisher read its own with {@code @Value}. */
class KafkaLedgerPropertiesTest {

    @Test
    void theDefaultsStandWhenNothingIsSet() throws IOException {
        assertThat(bind(Map.of())).isEqualTo(new KafkaLedgerProperties(
                new KafkaLedgerProperties.Topics(3, (short) 1, -1), Duration.ofSeconds(30)));
    }

    @Test
    void thePublishersAckTimeoutKeepsItsKey() throws IOException {
        assertThat(bind(Map.of("ledgerline.kafka.publish-ack-timeout", "5s")).publishAckTimeout())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theTopicKeysAreRead() throws IOException {
        assertThat(bind(Map.of("ledgerline.kafka.topics.partitions", "6",
                "ledgerline.kafka.topics.replication-factor", "3")).topics())
                .isEqualTo(new KafkaLedgerProperties.Topics(6, (short) 3, -1));
    }

    private static KafkaLedgerProperties bind(Map<String, Object> set) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("set", set));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("ledgerline.kafka", KafkaLedgerProperties.class).get();
    }
}
