package io.ledgerline.query.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The topic settings are read under the command-service's keys ({@code ledgerline.kafka.topics.*}); this service's
 * keys before ({@code ledgerline.topics.*}) still work, so no deployment's setting is silently dropped.
 */
class TopicPropertiesTest {

    @Test
    void theDefaultsStandWhenNothingIsSet() throws IOException {
        assertThat(bind(Map.of())).isEqualTo(new TopicProperties(3, (short) 1, -1));
    }

    @Test
    void theCommandServicesKeysAreRead() throws IOException {
        assertThat(bind(Map.of("ledgerline.kafka.topics.partitions", "6",
                "ledgerline.kafka.topics.replication-factor", "3"))).isEqualTo(new TopicProperties(6, (short) 3, -1));
    }

    @Test
    void theKeysOfBeforeAreStillRead() throws IOException {
        assertThat(bind(Map.of("ledgerline.topics.partitions", "12", "ledgerline.topics.retention-ms", "86400000")))
                .isEqualTo(new TopicProperties(12, (short) 1, 86_400_000L));
    }

    private static TopicProperties bind(Map<String, Object> set) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("set", set));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("ledgerline.kafka.topics", TopicProperties.class).get();
    }
}
